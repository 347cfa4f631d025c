/** "/" anywhere but in a text field puts the cursor in the search box: the page's own, else the header's. */
document.addEventListener('keydown', (event) => {
  if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
  const target = event.target as HTMLElement | null;
  if (target?.closest('input, textarea, select, [contenteditable]')) return;
  const box = document.querySelector<HTMLInputElement>('#search-query') ?? document.querySelector<HTMLInputElement>('#site-search-query');
  if (!box) return;
  event.preventDefault();
  box.focus();
  box.select();
});
