// The gate FAILs and so does the build: Maven's error names the verdict and lists every reason on a line of its own.
evaluate(new File(itRoot, 'gate-run.groovy'))

assert report.verdict == 'FAIL'
def reasons = report.reasons
assert reasons.any { it.startsWith('contract broken: checkout / a request for the price of SKU-1: body $.amount') } : reasons
assert reasons.contains('operation not covered by any contract: DELETE /prices/{sku}') : reasons
assert reasons.any { it.startsWith('baseline p95 latency: ') } : reasons
assert report.objectives.find { it.name == 'baseline error rate' }?.status == 'PASS' : report.objectives

def lines = buildLog.readLines()
// the console table lists the reasons under the verdict (wrapped to 120 columns), FAIL first, each FAIL with what to do
def verdict = lines.findIndexOf { it.startsWith('VERDICT     FAIL') }
def error = lines.findIndexOf { it.contains('Failed to execute goal dev.gauntlet:gauntlet-maven-plugin') }
assert verdict >= 0
def table = lines[(verdict + 1)..<error].join(' ').replaceAll(/\s+/, ' ')
assert reasons.every { table.contains(it.replaceAll(/\s+/, ' ')) } : table
assert table.contains('→ ') : table
// ... and the build fails with them, one per line, without a stack trace
assert error > verdict : 'the build did not fail in the gauntlet plugin'
assert lines[error].endsWith('gauntlet gate FAIL (report: ' + new File(runDir, 'index.html').canonicalPath + ')') : lines[error]
assert lines[(error + 1)..(error + reasons.size())] == reasons.collect { '[ERROR]   - ' + it }
assert lines[error + reasons.size() + 1] == '[ERROR] -> [Help 1]'
return true
