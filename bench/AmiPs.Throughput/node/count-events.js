// Counts events with asterisk-manager (the most used Node AMI client) until N have arrived.
// usage: AMI_SECRET=<secret> node count-events.js <port> <user> <events>
// Prints "ready" once logged in and, at the end,
// "done <events> <ms from first event> <peak rss bytes> <cpu µs (user+system) from first event>".
'use strict';
const AsteriskManager = require('asterisk-manager');
const [port, user, secret, wanted] = [Number(process.argv[2]), process.argv[3], process.env.AMI_SECRET, Number(process.argv[4])];
let count = 0;
let first = 0n;
let cpuAtFirst = null;
let peakRss = 0;
const sampler = setInterval(() => { peakRss = Math.max(peakRss, process.memoryUsage().rss); }, 20);
const ami = new AsteriskManager(port, '127.0.0.1', user, secret, true);
ami.on('response', (r) => { if (r.message === 'Authentication accepted') { process.stdout.write('ready\n'); } });
ami.on('managerevent', () => {
  if (count === 0) { first = process.hrtime.bigint(); cpuAtFirst = process.cpuUsage(); }
  count++;
  if (count === wanted) {
    const ms = Number(process.hrtime.bigint() - first) / 1e6;
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    const cpu = process.cpuUsage(cpuAtFirst);
    clearInterval(sampler);
    process.stdout.write(`done ${count} ${ms} ${peakRss} ${cpu.user + cpu.system}\n`);
    process.exit(0);
  }
});
ami.on('error', (e) => { process.stderr.write(String(e) + '\n'); process.exit(2); });
