// The period filters (PeriodFilters.svelte): choosing a school year or a month chooses its period
// too. A year picked while the radio still said « toute la période » was ignored without a word (a
// new user's first try). The pages with these filters send no other JavaScript (csr = false,
// decision 0010); without this script the radio decides, as the page says.
for (const form of document.querySelectorAll('form.indicator-filters')) {
	const choose = (period) => () => {
		const radio = form.querySelector(`input[name="period"][value="${period}"]`);
		if (radio) radio.checked = true;
	};
	form.querySelector('select[name="schoolYear"]')?.addEventListener('change', choose('year'));
	for (const input of form.querySelectorAll('input[name="fromMonth"], input[name="toMonth"]')) input.addEventListener('input', choose('months'));
}
