// SPDX-License-Identifier: MIT
// The Node peer of the performance suite: Hapi + nunjucks rendering the
// page scenario 1 measures (report-streetlight's "problem" page, the same
// markup) for a resident with a session held in memory. Run by
// bench/run.py only:  node server.js PORT
'use strict';
const Hapi = require('@hapi/hapi');
const nunjucks = require('nunjucks');
const crypto = require('crypto');
const path = require('path');

const env = nunjucks.configure(__dirname, { autoescape: true });
const form = { slug: 'report-streetlight', title: 'Report a faulty street light' };
const page = {
  id: 'problem',
  title: 'What is wrong with the street light?',
  questions: [{
    id: 'fault',
    label: 'What is wrong with the street light?',
    options: [
      { value: 'out', label: 'It is not working' },
      { value: 'day', label: 'It is on during the day' },
      { value: 'flashing', label: 'It is flashing or flickering' },
      { value: 'damaged', label: 'It is damaged',
        reveal: { id: 'damage', label: 'Describe the damage' } },
    ],
  }],
};
const sessions = new Map();

async function main() {
  const server = Hapi.server({ port: Number(process.argv[2]), host: '127.0.0.1' });
  server.state('fb_session', { isSecure: false, isHttpOnly: true, isSameSite: 'Lax', path: '/' });
  server.route({
    method: 'GET',
    path: '/report-streetlight/problem',
    handler: (request, h) => {
      let id = request.state.fb_session;
      let s = id && sessions.get(id);
      if (!s) {
        id = crypto.randomBytes(16).toString('hex');
        s = { csrf: crypto.randomBytes(16).toString('hex'), answers: {} };
        sessions.set(id, s);
        h.state('fb_session', id);
      }
      const html = env.render('question.njk', { form, page, back: 'location', csrf: s.csrf, answers: s.answers });
      return h.response(html).type('text/html; charset=utf-8')
        .header('Cache-Control', 'no-store');
    },
  });
  await server.start();
  console.log('ready');
}
main().catch((e) => { console.error(e); process.exit(1); });
