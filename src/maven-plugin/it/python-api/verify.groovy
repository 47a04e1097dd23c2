// The Python API passes: contracts (with a provider state), full coverage of its OpenAPI document, no exposure.
evaluate(new File(itRoot, 'gate-run.groovy'))

assert report.verdict == 'PASS' : report.reasons
assert report.contracts.interactions == 4 && report.contracts.failed == 0 : report.contracts
assert report.contracts.coverage.covered == 3 && report.contracts.coverage.uncovered.isEmpty() : report.contracts.coverage
assert report.contracts.exposure.isEmpty() : report.contracts.exposure
assert buildLog.contains('CONTRACTS   4 interactions, 4 passed, 0 failed')
assert buildLog.contains('coverage  3 of 3 operations covered')
assert buildLog.contains('gauntlet gate PASS')
return true
