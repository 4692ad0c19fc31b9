// vader.js: the npm vader-sentiment package over one sentence a line of
// FILE (the sentences tokenize finds), a line of scores out for each.
'use strict';
const fs = require('fs');
const vader = require('vader-sentiment');
const lines = fs.readFileSync(process.argv[2], 'utf8').split('\n');
const out = [];
for (const s of lines) {
    if (s.length === 0) continue;
    const r = vader.SentimentIntensityAnalyzer.polarity_scores(s);
    out.push(r.compound.toFixed(4));
}
fs.writeFileSync(1, out.join('\n') + '\n');
