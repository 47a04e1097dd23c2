// Shared by the verify.groovy scripts of it/*: what one gate run left behind, and the checks every run must pass.
// Sets in the caller's binding: buildLog (build.log as text), runDir (the run folder), report (report.json parsed).
buildLog = new File(basedir, 'build.log').getText('UTF-8')
def runs = (new File(basedir, 'target/gauntlet').listFiles() ?: new File[0]).findAll { it.isDirectory() }
assert runs.size() == 1 : "expected one run folder in target/gauntlet, found ${runs*.name}"
runDir = runs[0]
def json = new File(runDir, 'report.json')
assert json.isFile() : "no report.json in ${runDir}"
report = new groovy.json.JsonSlurper().parse(json)
['junit.xml', 'index.html'].each { assert new File(runDir, it).isFile() : "no ${it} in ${runDir}" }

// the console table, ending in the verdict of report.json
assert buildLog.contains('== gauntlet gate · environment ' + report.environment.name) : 'no console table in build.log'
assert buildLog.contains('VERDICT     ' + report.verdict + '  (') : "build.log does not show VERDICT ${report.verdict}"
// no stack trace, also not after the build (a shutdown hook of a library that runs after the plugin's realm closed)
assert !buildLog.readLines().any { it.startsWith('\tat ') } : 'a stack trace in build.log'
// all load stayed on loopback
if (report.load != null) {
    assert report.load.refusedConnections.isEmpty() : "refused connections: ${report.load.refusedConnections}"
    assert report.load.requests > 0 : 'the load recorded no request'
}
return true
