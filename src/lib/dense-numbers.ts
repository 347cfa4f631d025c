/**
 * Dense numbers (0, 1, 2… in order of first sight) for distinct integer keys from 0 to 2^53: an
 * open-addressing table over typed arrays. A Map of millions of number keys, most of them too
 * large to be small integers and so each one a number on the heap, spent most of its time making,
 * hashing and collecting those (story features in stories.ts, title n-grams in title-names.ts).
 */
export class DenseNumbers {
  /** How many keys have numbers. */
  size = 0;
  private bits: number;
  /** Per slot: its key, and its key's number (-1 while empty). */
  private slotKeys: Float64Array;
  private slotNumbers: Int32Array;
  /** Per number: its key. */
  private keys: Float64Array;

  constructor(bits = 16) {
    this.bits = bits;
    this.slotKeys = new Float64Array(2 ** bits);
    this.slotNumbers = new Int32Array(2 ** bits).fill(-1);
    this.keys = new Float64Array(2 ** (bits - 1));
  }

  /** The key's number; a key not seen before is given the next one. */
  numberOf(key: number): number {
    let slot = this.slotOf(key);
    const number = this.slotNumbers[slot];
    if (number >= 0) return number;
    // At most half full, so that a key is found within a few slots of its own.
    if (2 * (this.size + 1) > this.slotNumbers.length) {
      this.grow();
      slot = this.slotOf(key);
    }
    this.slotKeys[slot] = key;
    this.slotNumbers[slot] = this.size;
    this.keys[this.size] = key;
    return this.size++;
  }

  /** The key a number was given to. */
  keyOf(number: number): number {
    return this.keys[number];
  }

  /** The key's slot, or the empty slot where it goes. */
  private slotOf(key: number): number {
    const low = key >>> 0;
    const high = (key - low) / 4_294_967_296;
    const mask = this.slotNumbers.length - 1;
    // Fibonacci hashing: the top bits of the product spread keys that differ only in their high or low bits.
    let slot = Math.imul(low ^ Math.imul(high, 0x85ebca6b), 0x9e3779b1) >>> (32 - this.bits);
    while (this.slotNumbers[slot] >= 0 && this.slotKeys[slot] !== key) slot = (slot + 1) & mask;
    return slot;
  }

  private grow(): void {
    this.bits++;
    this.slotKeys = new Float64Array(2 ** this.bits);
    this.slotNumbers = new Int32Array(2 ** this.bits).fill(-1);
    const keys = new Float64Array(2 ** (this.bits - 1));
    keys.set(this.keys);
    this.keys = keys;
    for (let number = 0; number < this.size; number++) {
      const slot = this.slotOf(keys[number]);
      this.slotKeys[slot] = keys[number];
      this.slotNumbers[slot] = number;
    }
  }
}
