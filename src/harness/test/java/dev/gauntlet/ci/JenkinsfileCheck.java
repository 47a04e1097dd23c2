package dev.gauntlet.ci;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.CodeVisitorSupport;
import org.codehaus.groovy.ast.MethodNode;
import org.codehaus.groovy.ast.ModuleNode;
import org.codehaus.groovy.ast.expr.ArgumentListExpression;
import org.codehaus.groovy.ast.expr.ClosureExpression;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.MapExpression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.TernaryExpression;
import org.codehaus.groovy.ast.expr.TupleExpression;
import org.codehaus.groovy.ast.stmt.BlockStatement;
import org.codehaus.groovy.ast.stmt.ExpressionStatement;
import org.codehaus.groovy.ast.stmt.Statement;
import org.codehaus.groovy.control.CompilationFailedException;
import org.codehaus.groovy.control.CompilationUnit;
import org.codehaus.groovy.control.Phases;
import org.codehaus.groovy.control.SourceUnit;

/**
 * Checks a declarative Jenkinsfile without a Jenkins server: Groovy parses it to an AST (a syntax error is a problem),
 * then the declarative structure the project relies on is checked: one {@code pipeline} block with only known
 * sections, a {@code triggers} block whose {@code cron} schedules are valid 5-field specs, {@code parameters},
 * named stages each with {@code steps} (or nested {@code stages}/{@code parallel}), and a {@code post} that collects
 * the gate's junit.xml. Functions the file calls at the top level of a {@code steps} block must be declared in it
 * when they are not Jenkins steps the project uses.
 */
final class JenkinsfileCheck {
    /** The sections a declarative {@code pipeline} block may hold (Jenkins' declarative syntax reference). */
    static final Set<String> SECTIONS = Set.of("agent", "environment", "options", "parameters", "triggers", "tools",
            "stages", "post", "libraries", "input", "when");
    /** The sections a {@code stage} may hold. */
    static final Set<String> STAGE_SECTIONS = Set.of("agent", "environment", "options", "input", "when", "tools",
            "steps", "post", "stages", "parallel", "matrix", "failFast");
    static final Set<String> POST_CONDITIONS = Set.of("always", "changed", "fixed", "regression", "aborted", "failure",
            "success", "unstable", "unsuccessful", "cleanup");
    /** The conditions a {@code when} block may use (Jenkins' declarative syntax reference). */
    static final Set<String> WHEN_CONDITIONS = Set.of("branch", "buildingTag", "changelog", "changeset",
            "changeRequest", "environment", "equals", "expression", "tag", "not", "allOf", "anyOf", "triggeredBy",
            "beforeAgent", "beforeInput", "beforeOptions");
    static final Set<String> PARAMETER_TYPES = Set.of("booleanParam", "string", "text", "choice", "password",
            "credentials", "file", "run");
    private static final Pattern CRON_FIELD = Pattern.compile(
            "(\\*|H|H\\(\\d+-\\d+\\)|\\d+(-\\d+)?|[A-Za-z]{3}(-[A-Za-z]{3})?)(/\\d+)?(,(\\*|H|\\d+(-\\d+)?)(/\\d+)?)*");

    /** What the check found: problems (empty when fine), stage names in order, cron specs. */
    record Result(List<String> problems, List<String> stages, List<String> crons, List<String> junitPatterns,
                  List<String> parameters) {
    }

    private final List<String> problems = new ArrayList<>();
    private final List<String> stages = new ArrayList<>();
    private final List<String> crons = new ArrayList<>();
    private final List<String> junit = new ArrayList<>();
    private final List<String> parameters = new ArrayList<>();

    private JenkinsfileCheck() {
    }

    static Result check(String text) {
        JenkinsfileCheck c = new JenkinsfileCheck();
        c.run(text);
        return new Result(List.copyOf(c.problems), List.copyOf(c.stages), List.copyOf(c.crons), List.copyOf(c.junit),
                List.copyOf(c.parameters));
    }

    private void run(String text) {
        CompilationUnit unit = new CompilationUnit();
        SourceUnit source = unit.addSource("Jenkinsfile", text);
        try {
            unit.compile(Phases.CONVERSION);
        } catch (CompilationFailedException e) {
            problems.add("not valid Groovy: " + e.getMessage().lines().filter(l -> !l.isBlank()).skip(1).findFirst()
                    .orElse(e.getMessage()));
            return;
        }
        ModuleNode module = source.getAST();
        Set<String> functions = new LinkedHashSet<>();
        for (MethodNode m : module.getMethods()) {
            functions.add(m.getName());
        }
        for (ClassNode c : module.getClasses()) {
            if (c.isScript()) {
                c.getMethods().forEach(m -> functions.add(m.getName()));
            }
        }
        List<MethodCallExpression> pipelines = new ArrayList<>();
        for (Statement s : module.getStatementBlock().getStatements()) {
            MethodCallExpression call = call(s);
            if (call != null && "pipeline".equals(call.getMethodAsString())) {
                pipelines.add(call);
            } else {
                problems.add("line " + s.getLineNumber() + ": only a pipeline { } block (and def functions) may be at the "
                        + "top level of a declarative Jenkinsfile");
            }
        }
        if (pipelines.size() != 1) {
            problems.add("expected exactly one pipeline { } block, found " + pipelines.size());
            return;
        }
        List<MethodCallExpression> sections = body(pipelines.get(0), "pipeline");
        Set<String> seen = new LinkedHashSet<>();
        for (MethodCallExpression section : sections) {
            String name = section.getMethodAsString();
            if (!SECTIONS.contains(name)) {
                problems.add("line " + section.getLineNumber() + ": unknown pipeline section '" + name + "'");
            }
            if (!seen.add(name)) {
                problems.add("line " + section.getLineNumber() + ": section '" + name + "' appears twice");
            }
            switch (name) {
                case "triggers" -> triggers(section);
                case "parameters" -> body(section, "parameters").forEach(p -> {
                    if (!PARAMETER_TYPES.contains(p.getMethodAsString())) {
                        problems.add("line " + p.getLineNumber() + ": unknown parameter type '" + p.getMethodAsString()
                                + "'");
                    }
                    parameters.add(firstNamed(p, "name"));
                });
                case "stages" -> stages(section);
                case "post" -> post(section);
                default -> { }
            }
        }
        for (String required : List.of("agent", "stages")) {
            if (!seen.contains(required)) {
                problems.add("pipeline has no '" + required + "' section");
            }
        }
        // functions a steps block calls that are neither declared here nor steps of Jenkins or its plugins
        Set<String> known = Set.of("sh", "junit", "archiveArtifacts", "copyArtifacts", "withCredentials", "string",
                "echo", "error", "dir", "script", "lastWithArtifacts", "lastSuccessful", "usernamePassword", "body");
        Set<String> called = new LinkedHashSet<>();
        pipelines.get(0).visit(new CodeVisitorSupport() {
            @Override
            public void visitMethodCallExpression(MethodCallExpression call) {
                if (call.isImplicitThis() && call.getMethodAsString() != null
                        && Character.isLowerCase(call.getMethodAsString().charAt(0))) {
                    called.add(call.getMethodAsString());
                }
                super.visitMethodCallExpression(call);
            }
        });
        for (String f : called) {
            if (f.startsWith("with") && !known.contains(f) && !functions.contains(f)) {
                problems.add("calls " + f + " { } but no such function is declared in the Jenkinsfile");
            }
        }
    }

    private void triggers(MethodCallExpression triggers) {
        for (MethodCallExpression t : body(triggers, "triggers")) {
            if (!t.getMethodAsString().equals("cron")) {
                continue;
            }
            List<String> specs = strings(arguments(t).isEmpty() ? null : arguments(t).get(0));
            if (specs.stream().allMatch(String::isEmpty)) {
                problems.add("line " + t.getLineNumber() + ": cron has no schedule");
            }
            for (String spec : specs) {
                if (spec.isEmpty()) {
                    continue; // an empty schedule switches the trigger off (e.g. on branches other than main)
                }
                crons.add(spec);
                String problem = cronProblem(spec);
                if (problem != null) {
                    problems.add("line " + t.getLineNumber() + ": cron '" + spec + "': " + problem);
                }
            }
        }
    }

    /** Null when {@code spec} is a valid 5-field cron line (minute hour day-of-month month day-of-week), else why not. */
    static String cronProblem(String spec) {
        String[] fields = spec.trim().split("\\s+");
        if (fields.length != 5) {
            return "expected 5 fields (minute hour day-of-month month day-of-week), got " + fields.length;
        }
        int[] max = {59, 23, 31, 12, 7};
        String[] names = {"minute", "hour", "day-of-month", "month", "day-of-week"};
        for (int i = 0; i < 5; i++) {
            if (!CRON_FIELD.matcher(fields[i]).matches()) {
                return names[i] + " field '" + fields[i] + "' is not a cron field";
            }
            for (String n : fields[i].replaceAll("/\\d+", "").split("[^0-9]+")) {
                if (!n.isEmpty() && !fields[i].startsWith("H(") && Integer.parseInt(n) > max[i]) {
                    return names[i] + " field '" + fields[i] + "' is out of range (at most " + max[i] + ")";
                }
            }
        }
        return null;
    }

    private void stages(MethodCallExpression stagesBlock) {
        for (MethodCallExpression stage : body(stagesBlock, "stages")) {
            if (!stage.getMethodAsString().equals("stage")) {
                problems.add("line " + stage.getLineNumber() + ": only stage('name') { } may be in stages, got '"
                        + stage.getMethodAsString() + "'");
                continue;
            }
            List<Expression> args = arguments(stage);
            if (args.size() != 2 || !(args.get(0) instanceof ConstantExpression name)
                    || !(args.get(1) instanceof ClosureExpression)) {
                problems.add("line " + stage.getLineNumber() + ": expected stage('name') { ... }");
                continue;
            }
            stages.add(name.getText());
            Set<String> inside = new LinkedHashSet<>();
            for (MethodCallExpression s : body(stage, "stage '" + name.getText() + "'")) {
                inside.add(s.getMethodAsString());
                if (!STAGE_SECTIONS.contains(s.getMethodAsString())) {
                    problems.add("line " + s.getLineNumber() + ": unknown section '" + s.getMethodAsString()
                            + "' in stage '" + name.getText() + "'");
                }
                if (s.getMethodAsString().equals("post")) {
                    post(s);
                }
                if (s.getMethodAsString().equals("when")) {
                    when(s, name.getText());
                }
            }
            if (inside.stream().noneMatch(Set.of("steps", "stages", "parallel", "matrix")::contains)) {
                problems.add("stage '" + name.getText() + "' has no steps");
            }
        }
        if (stages.isEmpty()) {
            problems.add("stages has no stage");
        }
    }

    /** Every condition of a {@code when} block, nested ones ({@code anyOf}, {@code allOf}, {@code not}) included. */
    private void when(MethodCallExpression when, String stage) {
        for (MethodCallExpression c : body(when, "when")) {
            String condition = c.getMethodAsString();
            if (!WHEN_CONDITIONS.contains(condition)) {
                problems.add("line " + c.getLineNumber() + ": unknown when condition '" + condition + "' in stage '"
                        + stage + "'");
            } else if (Set.of("anyOf", "allOf", "not").contains(condition)) {
                when(c, stage);
            }
        }
    }

    private void post(MethodCallExpression post) {
        for (MethodCallExpression condition : body(post, "post")) {
            if (!POST_CONDITIONS.contains(condition.getMethodAsString())) {
                problems.add("line " + condition.getLineNumber() + ": unknown post condition '"
                        + condition.getMethodAsString() + "'");
            }
            for (MethodCallExpression step : body(condition, condition.getMethodAsString())) {
                if (step.getMethodAsString().equals("junit")) {
                    junit.add(firstNamed(step, "testResults"));
                }
            }
        }
    }

    /** The calls of the closure that is {@code call}'s last argument; a problem when there is none. */
    private List<MethodCallExpression> body(MethodCallExpression call, String what) {
        List<Expression> args = arguments(call);
        if (args.isEmpty() || !(args.get(args.size() - 1) instanceof ClosureExpression closure)) {
            problems.add("line " + call.getLineNumber() + ": " + what + " expects a { } block");
            return List.of();
        }
        List<MethodCallExpression> out = new ArrayList<>();
        Statement code = closure.getCode();
        List<Statement> statements = code instanceof BlockStatement b ? b.getStatements() : List.of(code);
        for (Statement s : statements) {
            MethodCallExpression c = call(s);
            if (c == null) {
                problems.add("line " + s.getLineNumber() + ": " + what + " may only hold directives, got '"
                        + s.getText() + "'");
            } else {
                out.add(c);
            }
        }
        return out;
    }

    private static MethodCallExpression call(Statement s) {
        return s instanceof ExpressionStatement e && e.getExpression() instanceof MethodCallExpression c ? c : null;
    }

    private static List<Expression> arguments(MethodCallExpression call) {
        Expression a = call.getArguments();
        if (a instanceof ArgumentListExpression list) {
            return list.getExpressions();
        }
        if (a instanceof TupleExpression t) {
            return t.getExpressions();
        }
        return List.of(a);
    }

    /** The text of named argument {@code key} ({@code name: 'X'}), or empty. */
    private static String firstNamed(MethodCallExpression call, String key) {
        for (Expression e : arguments(call)) {
            if (e instanceof MapExpression map) {
                for (var entry : map.getMapEntryExpressions()) {
                    if (entry.getKeyExpression().getText().equals(key)) {
                        return entry.getValueExpression().getText();
                    }
                }
            }
        }
        return "";
    }

    /** The string constants an expression can be: a constant, or either branch of a ternary. */
    private static List<String> strings(Expression e) {
        if (e instanceof ConstantExpression c && c.getValue() instanceof String s) {
            return List.of(s);
        }
        if (e instanceof TernaryExpression t) {
            List<String> out = new ArrayList<>(strings(t.getTrueExpression()));
            out.addAll(strings(t.getFalseExpression()));
            return out;
        }
        return List.of();
    }
}
