package jp.tsunagu.fhir.conformance;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

import org.hl7.fhir.r4.fhirpath.ExpressionNode;
import org.hl7.fhir.r4.fhirpath.FHIRPathEngine;
import org.hl7.fhir.r4.context.IWorkerContext;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Resource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The profiles' own invariants, each expression parsed once at load. An invariant the FHIRPath engine cannot
 * parse, or cannot evaluate on some instance (a function it lacks, {@code resolve()} with no bundle around the
 * resource, ...), is counted and skipped: a rule the checker cannot apply must never refuse a hospital's data.
 */
final class Invariants {

    private static final Logger log = LoggerFactory.getLogger(Invariants.class);

    record Invariant(String key, String human, boolean error, @Nullable ExpressionNode expression) {
    }

    /**
     * The engine needs a worker context only to look up definitions, and the invariants of these profiles are
     * written against the instance alone. HAPI's HapiWorkerContext would need a cache library the portal does
     * not carry, so the engine gets a context that knows nothing: an expression that would need a definition
     * fails to evaluate and is skipped like any other.
     */
    private static final IWorkerContext NO_DEFINITIONS = (IWorkerContext) Proxy.newProxyInstance(
            Invariants.class.getClassLoader(), new Class<?>[] {IWorkerContext.class}, (proxy, method, args) -> {
                Class<?> type = method.getReturnType();
                if (type == boolean.class) {
                    return false;
                } else if (type == int.class) {
                    return 0;
                } else if (type == long.class) {
                    return 0L;
                } else if (List.class.isAssignableFrom(type)) {
                    return List.of();
                } else if (Set.class.isAssignableFrom(type)) {
                    return Set.of();
                } else if (Map.class.isAssignableFrom(type)) {
                    return Map.of();
                } else if (method.getName().equals("toString")) {
                    return "no definitions";
                } else if (method.getName().equals("hashCode")) {
                    return 0;
                }
                return null;
            });

    /** The engine keeps per-evaluation state in fields; a small pool serves concurrent imports without locks. */
    private final Queue<FHIRPathEngine> engines = new ConcurrentLinkedQueue<>();
    private final Map<String, Invariant> compiled = new HashMap<>();
    private final AtomicLong unparseable = new AtomicLong();
    private final AtomicLong unevaluable = new AtomicLong();

    Invariants() {
    }

    /** Called at load only (single thread). */
    Invariant compile(String key, String human, boolean error, String expression) {
        return compiled.computeIfAbsent(key + '\u0000' + expression, k -> {
            FHIRPathEngine engine = engine();
            try {
                return new Invariant(key, human, error, engine.parse(expression));
            } catch (RuntimeException e) {
                unparseable.incrementAndGet();
                log.debug("Invariant {} cannot be parsed ({}); it is skipped", key, e.getClass().getSimpleName());
                return new Invariant(key, human, error, null);
            } finally {
                engines.offer(engine);
            }
        });
    }

    /** False only when the invariant was evaluated and does not hold; true when it holds or cannot be evaluated. */
    boolean holds(Invariant invariant, Resource focus, Resource root, Base element) {
        ExpressionNode expression = invariant.expression();
        if (expression == null) {
            return true;
        }
        FHIRPathEngine engine = engine();
        try {
            return engine.evaluateToBoolean(focus, root, element, expression);
        } catch (RuntimeException e) {
            if (unevaluable.incrementAndGet() <= 20) {
                log.debug("Invariant {} cannot be evaluated ({}); it is skipped", invariant.key(),
                        e.getClass().getSimpleName());
            }
            return true;
        } finally {
            engines.offer(engine);
        }
    }

    long unparseable() {
        return unparseable.get();
    }

    long unevaluable() {
        return unevaluable.get();
    }

    private FHIRPathEngine engine() {
        FHIRPathEngine engine = engines.poll();
        if (engine != null) {
            return engine;
        }
        engine = new FHIRPathEngine(NO_DEFINITIONS);
        // As HAPI's own FhirPathR4 sets them: profiles in the wild rely on both leniencies.
        engine.setDoNotEnforceAsCaseSensitive(true);
        engine.setDoNotEnforceAsSingletonRule(true);
        return engine;
    }
}
