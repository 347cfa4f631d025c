/** opencc-js's character tables: "source target|source target|…". */
declare module 'opencc-js/dict/*' {
  const dictionary: string;
  export default dictionary;
}
