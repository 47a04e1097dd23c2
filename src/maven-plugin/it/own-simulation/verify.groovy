// The project's own simulation, found by its simple name, ran the load; -Dgauntlet.set shortened its steady phase.
evaluate(new File(itRoot, 'gate-run.groovy'))

assert report.verdict == 'PASS' : report.reasons
assert report.load.simulation == 'com.example.load.GreetingSimulation' : report.load.simulation
def steady = report.load.phases.find { it.name == 'steady' }
assert steady != null && steady.scored && steady.requests > 0 : report.load.phases
def seconds = java.time.Duration.between(java.time.Instant.parse(steady.start), java.time.Instant.parse(steady.end)).toMillis() / 1000
assert seconds >= 4.5 && seconds <= 6 : "steady phase lasted ${seconds} s, expected 5 s (-Dgauntlet.set=load.settings.steady=5s)"
assert report.objectives.size() == 3 && report.objectives.every { it.status == 'PASS' } : report.objectives
assert buildLog =~ /LOAD {8}com\.example\.load\.GreetingSimulation, \d+ requests/
assert buildLog =~ /PASS +3 passed: 1 latency, 1 error-rate, 1 throughput/   // summed up by kind
return true
