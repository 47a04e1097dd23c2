// The Python API passes: contracts (with a provider state), full coverage of its OpenAPI document, no exposure, and
// load made from the contracts on the plan of the environment file.
evaluate(new File(itRoot, 'gate-run.groovy'))

assert report.verdict == 'PASS' : report.reasons
assert report.contracts.interactions == 4 && report.contracts.failed == 0 : report.contracts
assert report.contracts.coverage.covered == 3 && report.contracts.coverage.uncovered.isEmpty() : report.contracts.coverage
assert report.contracts.exposure.isEmpty() : report.contracts.exposure
assert buildLog.contains('CONTRACTS   4 interactions, 4 passed, 0 failed')
assert buildLog.contains('coverage  3 of 3 operations covered')
assert report.load.simulation == 'from contracts' : report.load.simulation
assert report.load.phases*.name == ['warmup', 'baseline'] : report.load.phases
def ops = report.load.operations.collectEntries { [(it.operation): it.requests] }
assert ['GET /books', 'GET /books/{id}', 'POST /books'].every { ops[it] > 0 } : ops
def slos = report.objectives.findAll { !(it.kind in ['security', 'conformance', 'durability']) }
assert slos.size() == 3 && report.objectives.every { it.status == 'PASS' } : report.objectives
// scored without being written: the answers under load match the contracts, every created book reads back
assert report.objectives*.kind.containsAll(['conformance', 'durability', 'security']) : report.objectives
assert report.security.failures.isEmpty() && report.security.kinds.find { it.kind == 'validation' }.passed > 0 : report.security
assert buildLog =~ /LOAD {8}from contracts, \d+ requests/
assert buildLog =~ /PASS +\d+ passed: [^\n]*\d+ latency/   // passed objectives summed up by kind (--verbose lists them)
assert buildLog.contains('gauntlet gate PASS')
return true
