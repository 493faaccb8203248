/** Finding a procedure in residents' words (issue 16): more results, no good match, English, browsing by ward. */
export default {
  find: {
    shown: 'Showing {shown} of {total}',
    more: 'Show {n} more procedures',
    relaxed: 'No procedure has all the words you typed; these results leave out: {words}.',
    no_match_title: 'No procedure matches “{query}” well',
    no_match_hint: 'The procedure you need may not be in this kiosk’s catalog yet, or goes by another name. You can:',
    close_events: 'Choose by life event',
    popular: 'What residents often come for',
    loose: 'Show {n} loosely related results',
    ask_officer: 'Call an officer for help',
    take_number: 'Take a queue number to ask at the counter',
    others: 'Show {n} more (province, ministry, companies, organisations)',
    ward_only: 'Show only what residents file at the ward',
    ward_scope: 'Procedures residents of this ward can do',
    common_sectors: 'Sectors residents use most',
    other_sectors: 'Other sectors',
    legal_vietnamese: 'The legal text of this procedure is in Vietnamese; the English name and summary are a guide only.',
    english_name: 'English name',
  },
};
