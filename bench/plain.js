// The playground's page contract, written the way one would write it by hand in plain
// JavaScript: say_after as a setTimeout promise, main() in the four modes, a row per
// printed line with data-text, data-at-ms and data-ideal-ms, body[data-state], and the
// performance mark "first-line". The benchmark runs it beside the playground.

const params = new URLSearchParams(location.search);
const calls = (params.get('calls') ?? '1:hello,2:world').split(',').map((call) => {
  const [delay, word] = call.split(':');
  return { delay: Number(delay), word: decodeURIComponent(word ?? '') };
});
const mode = params.get('mode') ?? 'sequential';
// The calls, made `repeat` times over, as the playground's link parameter says.
const made = Array.from({ length: Number(params.get('repeat') ?? 1) }, () => calls).flat();
const log = document.getElementById('log');
let origin = 0;

const sleep = (seconds) => new Promise((resolve) => setTimeout(resolve, seconds * 1000));
const round3 = (x) => String(Math.round(x * 1000) / 1000);

function print(text, idealMs) {
  const row = document.createElement('tr');
  row.dataset.text = text;
  row.dataset.atMs = round3(performance.now() - origin);
  row.dataset.idealMs = round3(idealMs);
  row.append(Object.assign(document.createElement('td'), { textContent: text }));
  log.append(row);
  if (log.children.length === 1) performance.mark('first-line');
}

async function sayAfter(delay, what, idealMs) {
  await sleep(delay);
  print(what, idealMs);
}

async function main() {
  origin = performance.now();
  print('started', 0);
  let total = 0;
  if (mode === 'sequential') {
    for (const { delay, word } of made) {
      total += delay * 1000;
      await sayAfter(delay, word, total);
    }
  } else {
    await Promise.all(made.map(({ delay, word }) => sayAfter(delay, word, delay * 1000)));
    total = Math.max(...made.map(({ delay }) => delay * 1000));
  }
  print('finished', total);
}

/** Runs main() once, as the playground's Run button does. */
window.start = () => {
  log.replaceChildren();
  document.body.dataset.state = 'running';
  main().then(() => { document.body.dataset.state = 'done'; });
};

document.body.dataset.state = 'idle';
if (params.get('autorun') === '1') window.start();
