/**
 * The filters, inline and dependency-free. A row carries its status,
 * strength and searchable text as data attributes; a failure section
 * follows the row of its property.
 */
export const SCRIPT = `
(function () {
  var status = document.getElementById('filter-status');
  var strength = document.getElementById('filter-strength');
  var text = document.getElementById('filter-text');
  function apply() {
    var s = status.value, g = strength.value, t = text.value.trim().toLowerCase();
    var rows = document.querySelectorAll('#results tbody tr');
    var shown = 0;
    rows.forEach(function (row) {
      var ok = (s === '' || row.dataset.status === s) && (g === '' || row.dataset.strength === g) && (t === '' || row.dataset.text.indexOf(t) >= 0);
      row.classList.toggle('hidden', !ok);
      if (ok) shown++;
      var failure = document.getElementById('failure-' + row.dataset.index);
      if (failure) failure.classList.toggle('hidden', !ok);
    });
    document.getElementById('shown').textContent = shown + ' of ' + rows.length + ' shown';
  }
  [status, strength].forEach(function (el) { el.addEventListener('change', apply); });
  text.addEventListener('input', apply);
  var clauseText = document.getElementById('filter-clauses');
  clauseText.addEventListener('input', function () {
    var t = clauseText.value.trim().toLowerCase();
    document.querySelectorAll('#register tbody tr').forEach(function (row) {
      row.classList.toggle('hidden', t !== '' && row.dataset.text.indexOf(t) < 0);
    });
  });
  apply();
})();
`;
