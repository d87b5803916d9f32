package jp.tsunagu;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.util.List;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteAlias;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * The rules of the house (architecture.md) as ArchUnit rules. They are checked against the
 * portal's classes in {@code ArchitectureTest}, and against deliberately broken samples in
 * {@code HouseRulesTest} so that a rule that could never fail is noticed.
 */
final class HouseRules {

    private static final List<Class<? extends java.lang.annotation.Annotation>> ACCESS_ANNOTATIONS =
            List.of(AnonymousAllowed.class, PermitAll.class, RolesAllowed.class, DenyAll.class);

    private static final DescribedPredicate<JavaClass> NAVIGATION_TARGETS = new DescribedPredicate<>(
            "routes, layouts and error views") {
        @Override
        public boolean test(JavaClass type) {
            return type.isAnnotatedWith(Route.class) || type.isAnnotatedWith(RouteAlias.class)
                    || type.isAnnotatedWith(Layout.class)
                    || (type.isAssignableTo(HasErrorParameter.class) && !type.isInterface()
                        && !type.getModifiers().contains(JavaModifier.ABSTRACT)
                        && !type.getPackageName().startsWith("com.vaadin"));
        }
    };

    private static final ArchCondition<JavaClass> CARRY_EXACTLY_ONE_ACCESS_ANNOTATION = new ArchCondition<>(
            "carry exactly one access annotation (@AnonymousAllowed, @PermitAll, @RolesAllowed or @DenyAll)") {
        @Override
        public void check(JavaClass type, ConditionEvents events) {
            long count = ACCESS_ANNOTATIONS.stream().filter(type::isAnnotatedWith).count();
            if (count != 1) {
                events.add(SimpleConditionEvent.violated(type,
                        type.getName() + " has " + count + " access annotations"));
            }
        }
    };

    static final ArchRule EVERY_ROUTE_HAS_ONE_ACCESS_ANNOTATION = classes()
            .that(NAVIGATION_TARGETS)
            .should(CARRY_EXACTLY_ONE_ACCESS_ANNOTATION);

    static final ArchRule VIEWS_DO_NOT_USE_PERSISTENCE = noClasses()
            .that().resideInAPackage("..ui..").or().areAnnotatedWith(Route.class).or().areAnnotatedWith(Layout.class)
            .should().dependOnClassesThat().resideInAnyPackage(
                    "..persistence..", "org.springframework.jdbc..", "org.springframework.data..", "java.sql..")
            .because("views are thin: they call application services, which decide and log (architecture.md, rule 1)");

    static final ArchRule ONLY_FHIR_SEES_HAPI = noClasses()
            .that().resideOutsideOfPackage("jp.tsunagu.fhir..")
            .should().dependOnClassesThat().resideInAnyPackage("ca.uhn.fhir..", "org.hl7.fhir..")
            .because("HAPI FHIR types stay inside the fhir module")
            .allowEmptyShould(true);

    static final ArchRule SERVICE_METHODS_ARE_GUARDED = methods()
            .that().arePublic()
            .and().areDeclaredInClassesThat().areAnnotatedWith(Service.class)
            .should(new ArchCondition<>("be guarded by @PreAuthorize (on the method or its class)") {
                @Override
                public void check(com.tngtech.archunit.core.domain.JavaMethod method, ConditionEvents events) {
                    boolean guarded = method.isAnnotatedWith(PreAuthorize.class)
                            || method.getOwner().isAnnotatedWith(PreAuthorize.class);
                    if (!guarded) {
                        events.add(SimpleConditionEvent.violated(method,
                                method.getFullName() + " is public but has no @PreAuthorize"));
                    }
                }
            })
            .because("security twice: routes check access, and so does every service method (rule 2)");

    /** The record's reads of a patient's data on somebody else's behalf, or of the whole record. */
    private static final java.util.Set<String> RECORD_READS = java.util.Set.of("itemsFor", "recordOf",
            "receivedBundles");

    static final ArchRule PERSONAL_DATA_READS_GO_THROUGH_CONSENT = noClasses()
            .that().resideOutsideOfPackages("jp.tsunagu.consent..", "jp.tsunagu.fhir..")
            .should().callMethodWhere(new DescribedPredicate<com.tngtech.archunit.core.domain.JavaMethodCall>(
                    "a read of a patient's record (RecordService." + RECORD_READS + ")") {
                @Override
                public boolean test(com.tngtech.archunit.core.domain.JavaMethodCall call) {
                    return call.getTargetOwner().isAssignableTo(jp.tsunagu.record.RecordService.class)
                            && RECORD_READS.contains(call.getName());
                }
            })
            .because("personal data is read for others only through the consent decision point (SharedRecords), "
                    + "which decides, filters and logs in one transaction; the fhir module exports whole records "
                    + "for the patient themself and the operator");

    /** Module names, which are also the prefixes of their tables (README: "tables prefixed by module"). */
    private static final java.util.Set<String> MODULES = java.util.Set.of("audit", "consent", "demo", "directory",
            "fhir", "identity", "insights", "record", "research", "shared", "sharing", "shell");

    private static final java.util.regex.Pattern TABLE = java.util.regex.Pattern.compile(
            "\\b(" + String.join("|", new java.util.TreeSet<>(MODULES)) + ")_[a-z][a-z0-9_]*\\b");

    /**
     * Classes that may name another module's tables, each with its reason. Keep this list short: a module that
     * needs another's data asks that module's API.
     */
    private static final java.util.Map<String, String> FOREIGN_TABLES_ALLOWED = java.util.Map.of(
            // The bulk-load benchmark (a command, never the portal) prints the sizes of the largest tables it
            // filled; it reads no row of them.
            "jp.tsunagu.demo.PopulationBenchmark", "prints row counts of the tables the benchmark filled");

    static final ArchRule SQL_NAMES_ONLY_OWN_TABLES = classes()
            .that(new DescribedPredicate<JavaClass>("belong to a module") {
                @Override
                public boolean test(JavaClass type) {
                    return moduleOf(type) != null && !FOREIGN_TABLES_ALLOWED.containsKey(type.getName());
                }
            })
            .should(new ArchCondition<>("name in their SQL only their own module's tables") {
                @Override
                public void check(JavaClass type, ConditionEvents events) {
                    String module = moduleOf(type);
                    for (String constant : SqlConstants.strings(type)) {
                        java.util.regex.Matcher m = TABLE.matcher(constant);
                        while (m.find()) {
                            if (!m.group(1).equals(module)) {
                                events.add(SimpleConditionEvent.violated(type, type.getName() + " (module " + module
                                        + ") names the table " + m.group() + " of module " + m.group(1)));
                            }
                        }
                    }
                }
            })
            .because("a module owns its tables: others read them through its API (record's CountableFacts, "
                    + "directory's DirectoryFacts), so that a rule such as what may be counted is written once");

    /** The module a class belongs to: the first segment of its package that names one (jp.tsunagu.X, samples). */
    private static @org.jspecify.annotations.Nullable String moduleOf(JavaClass type) {
        for (String segment : type.getPackageName().split("\\.")) {
            if (MODULES.contains(segment)) {
                return segment;
            }
        }
        return null;
    }

    /**
     * The classes that may act as the portal itself ({@code SystemActor}), each with its reason: scheduled jobs,
     * event listeners, command-line commands and the demo loader — work nobody signed in asked for. A person's
     * request runs with their own permission, however much the services it calls must then admit; add a class
     * here only for work no person may do with theirs, and say why.
     */
    static final java.util.Map<String, String> SYSTEM_ACTOR_ALLOWED = java.util.Map.ofEntries(
            java.util.Map.entry("jp.tsunagu.identity.SystemActor", "the tool itself"),
            java.util.Map.entry("jp.tsunagu.audit.AuditCommands", "command: verify-audit"),
            java.util.Map.entry("jp.tsunagu.audit.AuditRetention", "scheduled: checkpoints and the retention purge"),
            java.util.Map.entry("jp.tsunagu.consent.ReviewAlerts", "scheduled: overdue break-the-glass reviews"),
            java.util.Map.entry("jp.tsunagu.record.RecordRetentionJob", "scheduled: the record retention purge"),
            java.util.Map.entry("jp.tsunagu.fhir.FhirCommands", "commands: import and export"),
            java.util.Map.entry("jp.tsunagu.research.counting.CohortIndexMaintenance",
                    "listener and scheduled: keeps the cohort index current"),
            java.util.Map.entry("jp.tsunagu.insights.Insights", "listener and scheduled: the public figures"),
            java.util.Map.entry("jp.tsunagu.demo.DemoPopulationLoader", "demo loader, at the first demo start"),
            java.util.Map.entry("jp.tsunagu.demo.PopulationLoader", "demo loader's own worker threads"),
            java.util.Map.entry("jp.tsunagu.demo.PopulationBenchmark", "command: the bulk-load benchmark"),
            // A sponsor's click, but what it writes is the portal's own delivery: a notice in the inbox of each
            // patient the invitation round chose. A sponsor may not write to any patient's inbox, and admitting
            // them there would let one reach patients the round did not choose; Studies.invite decides whom
            // (the sponsor's own approved study, consented matches not yet invited) with the sponsor's permission
            // and only the delivery runs as the portal.
            java.util.Map.entry("jp.tsunagu.research.studies.Studies",
                    "delivers a sponsor's invitations to the chosen patients' inboxes"));

    static final ArchRule SYSTEM_ACTOR_ONLY_IN_JOBS = noClasses()
            .that(new DescribedPredicate<JavaClass>("are not allowed to act as the system") {
                @Override
                public boolean test(JavaClass type) {
                    return !SYSTEM_ACTOR_ALLOWED.containsKey(type.getName().split("\\$")[0]);
                }
            })
            // Any use, a call or a method reference (SystemActor::call) alike.
            .should().dependOnClassesThat().belongToAnyOf(jp.tsunagu.identity.SystemActor.class)
            .because("a person's request runs with their own permission (least privilege, ADR 0010); only jobs, "
                    + "listeners, commands and the demo loader act as the portal (HouseRules.SYSTEM_ACTOR_ALLOWED)");

    static final List<ArchRule> ALL = List.of(EVERY_ROUTE_HAS_ONE_ACCESS_ANNOTATION, VIEWS_DO_NOT_USE_PERSISTENCE,
            ONLY_FHIR_SEES_HAPI, SERVICE_METHODS_ARE_GUARDED, PERSONAL_DATA_READS_GO_THROUGH_CONSENT,
            SQL_NAMES_ONLY_OWN_TABLES, SYSTEM_ACTOR_ONLY_IN_JOBS);

    private HouseRules() {
    }
}
