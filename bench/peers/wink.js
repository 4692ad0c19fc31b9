// wink.js: wink-nlp with wink-eng-lite-web-model over the article FILEs
// (one document each): tokens and, with --sentiment, each document's and
// sentence's sentiment.  Prints the number of tokens.
'use strict';
const fs = require('fs');
const winkNLP = require('wink-nlp');
const model = require('wink-eng-lite-web-model');
const nlp = winkNLP(model);
const its = nlp.its;
let sentiment = false;
let files = process.argv.slice(2);
if (files[0] === '--sentiment') { sentiment = true; files = files.slice(1); }
let ntok = 0;
const out = [];
for (const f of files) {
    const doc = nlp.readDoc(fs.readFileSync(f, 'utf8'));
    ntok += doc.tokens().length();
    if (sentiment) {
        out.push(f + '\t' + doc.out(its.sentiment));
        doc.sentences().each((s) => out.push(s.out(its.sentiment)));
    } else {
        out.push(doc.tokens().out().join('\n'));
    }
}
fs.writeFileSync(1, out.join('\n') + '\n');
process.stderr.write('tokens ' + ntok + '\n');
