package jp.tsunagu.fhir.conformance;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Checks resources against the JP Core and JP-CLINS profiles carried with the portal (HAPI's validator module is
 * not available to the portal, so the profiles are compiled into plain checks here). A resource is checked
 * against every profile it claims in {@code meta.profile} that the packages define; one that claims none of
 * them is checked against the JP-CLINS profile for its type, with every finding a warning, since it never
 * promised to meet it. Contained resources are checked against the profiles they claim themselves.
 *
 * <p>Never throws: a fault inside the checker becomes a warning on that resource, and the log gets the exception
 * class only, since patient data must not reach logs.
 */
@Component
public class Conformance {

    static final String UNKNOWN_PROFILE = "fhir.conformance.unknownProfile";
    static final String PROFILE_TYPE = "fhir.conformance.profileType";
    static final String CHECK_FAILED = "fhir.conformance.checkFailed";

    private static final Logger log = LoggerFactory.getLogger(Conformance.class);
    private static final String OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";
    /** R4 forbids nested contained resources; a malformed resource gets a bounded walk, not a deep one. */
    private static final int MAX_CONTAINED_DEPTH = 4;

    private final FhirContext fhir;
    private volatile @Nullable Loaded loaded;

    public Conformance(FhirContext fhir) {
        this.fhir = fhir;
    }

    /** A checker with the packages loaded now, for unit tests and benchmarks without Spring. */
    public static Conformance load(FhirContext fhir) {
        Conformance conformance = new Conformance(fhir);
        conformance.loaded();
        return conformance;
    }

    /** Whether the FHIR model and these packages load right after start (the default) or at first use. */
    public static final String WARM_UP = "tsunagu.fhir.warm-up";

    public static boolean warmUpWanted(ApplicationReadyEvent event) {
        return event.getApplicationContext().getEnvironment().getProperty(WARM_UP, Boolean.class, true);
    }

    /** Loading takes a few seconds: done after start-up, not in the first hospital's request. */
    @EventListener(ApplicationReadyEvent.class)
    void warmUp(ApplicationReadyEvent event) {
        if (!warmUpWanted(event)) {
            return; // loaded at the first check instead
        }
        Thread.ofVirtual().name("fhir-conformance-load").start(this::loaded);
    }

    /** What the resource (and its contained resources) does not meet in the profiles; empty when all is well. */
    public List<Finding> check(Resource resource) {
        if (resource == null) {
            return List.of();
        }
        List<Finding> findings = new ArrayList<>();
        try {
            Loaded packages = loaded();
            if (packages.unavailable) {
                return List.of(Finding.warning("", CHECK_FAILED, "packages"));
            }
            check(packages, resource, resource, Path.ROOT, true, findings, 0);
        } catch (RuntimeException | StackOverflowError | LinkageError e) {
            failed(e, Path.ROOT, findings);
        }
        return List.copyOf(new LinkedHashSet<>(findings));
    }

    private void check(Loaded packages, Resource resource, Resource root, Path at, boolean implied,
            List<Finding> findings, int depth) {
        List<Finding> own = new ArrayList<>();
        try {
            checkProfiles(packages, resource, root, at, implied, own);
            packages.extensions.check(resource, at, own);
        } catch (RuntimeException | StackOverflowError e) {
            failed(e, at, own);
        }
        findings.addAll(own);
        if (resource instanceof DomainResource domain && depth < MAX_CONTAINED_DEPTH) {
            List<Resource> contained = domain.getContained();
            for (int i = 0; i < contained.size(); i++) {
                if (contained.get(i) != null) {
                    check(packages, contained.get(i), root, at.child("contained", i), false, findings, depth + 1);
                }
            }
        }
    }

    private void checkProfiles(Loaded packages, Resource resource, Resource root, Path at, boolean implied,
            List<Finding> out) {
        Set<String> seen = new HashSet<>();
        boolean claimedKnown = false;
        if (resource.hasMeta()) {
            List<CanonicalType> claims = resource.getMeta().getProfile();
            for (int i = 0; i < claims.size(); i++) {
                String claim = claims.get(i).getValue();
                if (claim == null || claim.isBlank()) {
                    continue;
                }
                ProfileCompiler.CompiledProfile profile = packages.profiles.get(PackageContent.canonical(claim));
                Path claimPath = at.child("meta").child("profile", i);
                if (profile == null || !profile.resource()) {
                    out.add(Finding.warning(claimPath.toString(), UNKNOWN_PROFILE, claim));
                } else if (!profile.type().equals(resource.fhirType())) {
                    claimedKnown = true;
                    out.add(Finding.error(claimPath.toString(), PROFILE_TYPE, profile.name(), profile.type(),
                            resource.fhirType()));
                } else {
                    claimedKnown = true;
                    packages.checker.check(profile, resource, root, at, out, seen);
                }
            }
        }
        if (!claimedKnown && implied) {
            ProfileCompiler.CompiledProfile profile = packages.impliedProfile(resource);
            if (profile != null) {
                List<Finding> findings = new ArrayList<>();
                packages.checker.check(profile, resource, root, at, findings, seen);
                // JP-CLINS requires the profile to be claimed; saying so to a resource that never claimed it is noise.
                String claim = at.child("meta").child("profile").toString();
                findings.stream().filter(finding -> !finding.path().equals(claim))
                        .forEach(finding -> out.add(finding.asWarning()));
            }
        }
    }

    private static void failed(Throwable e, Path at, List<Finding> out) {
        log.warn("FHIR conformance check failed inside the checker: {}", e.getClass().getName());
        out.add(Finding.warning(at.toString(), CHECK_FAILED, e.getClass().getSimpleName()));
    }

    private Loaded loaded() {
        Loaded packages = loaded;
        if (packages == null) {
            synchronized (this) {
                packages = loaded;
                if (packages == null) {
                    long started = System.nanoTime();
                    try {
                        packages = Loaded.of(fhir);
                        log.info("FHIR conformance packages (JP Core, JP-CLINS) loaded in {} ms",
                                (System.nanoTime() - started) / 1_000_000);
                    } catch (RuntimeException | LinkageError e) {
                        // Not worth retrying per resource: the packages are part of the build. Imports go on
                        // unchecked, each resource with one warning that says so.
                        log.error("FHIR conformance packages could not be loaded: {}", e.getClass().getName());
                        packages = Loaded.unavailable();
                    }
                    loaded = packages;
                }
            }
        }
        return packages;
    }

    /** The canonical URLs of the packaged profiles of a resource type, sorted: what the metadata announces. */
    public List<String> profilesOf(String resourceType) {
        return loaded().profiles.values().stream()
                .filter(p -> p.resource() && p.type().equals(resourceType))
                .map(ProfileCompiler.CompiledProfile::url).sorted().toList();
    }

    /** Counts for the benchmark and tests: compiled profiles, and invariants that could not be parsed. */
    String summary() {
        Loaded packages = loaded();
        return packages.timing + "; " + packages.profiles.size() + " profiles, " + packages.invariants.unparseable()
                + " invariants not parseable, " + packages.invariants.unevaluable() + " evaluations skipped";
    }

    private static final class Loaded {

        final Map<String, ProfileCompiler.CompiledProfile> profiles;
        final Map<String, ProfileCompiler.CompiledProfile> implied;
        final Invariants invariants;
        final ProfileCheck checker;
        final ExtensionCheck extensions;
        String timing = "";
        boolean unavailable;

        private Loaded(Map<String, ProfileCompiler.CompiledProfile> profiles,
                Map<String, ProfileCompiler.CompiledProfile> implied, Invariants invariants,
                Map<String, ProfileCompiler.ExtensionDefinition> extensions) {
            this.profiles = profiles;
            this.implied = implied;
            this.invariants = invariants;
            this.checker = new ProfileCheck(profiles, invariants);
            this.extensions = new ExtensionCheck(extensions);
        }

        static Loaded unavailable() {
            Loaded loaded = new Loaded(Map.of(), Map.of(), new Invariants(), Map.of());
            loaded.unavailable = true;
            return loaded;
        }

        static Loaded of(FhirContext fhir) {
            long started = System.nanoTime();
            PackageContent content = PackageContent.load(fhir);
            long parsed = System.nanoTime();
            Invariants invariants = new Invariants();
            ProfileCompiler compiler = new ProfileCompiler(content, new Terminology(content), invariants);
            Map<String, ProfileCompiler.CompiledProfile> profiles = new HashMap<>();
            Map<String, ProfileCompiler.CompiledProfile> implied = new HashMap<>();
            Map<String, ProfileCompiler.ExtensionDefinition> extensions = new HashMap<>();
            for (StructureDefinition definition : content.structures.values()) {
                if (definition.getDerivation() != StructureDefinition.TypeDerivationRule.CONSTRAINT) {
                    continue;
                }
                ProfileCompiler.CompiledProfile profile;
                try {
                    profile = compiler.compile(definition);
                } catch (RuntimeException e) {
                    // One profile the compiler cannot read must not take the others with it.
                    log.debug("Profile {} not compiled ({})", definition.getUrl(), e.getClass().getSimpleName());
                    profile = null;
                }
                if (profile == null) {
                    continue;
                }
                profiles.put(profile.url(), profile);
                if (profile.type().equals("Extension")) {
                    extensions.put(profile.url(), profile.extension());
                }
                // JP-CLINS names the profile of each type sent to the 電子カルテ情報共有サービス JP_<Type>_eCS.
                if (profile.resource() && profile.name().equals("JP_" + profile.type() + "_eCS")) {
                    implied.put(profile.type(), profile);
                }
            }
            for (ProfileCompiler.CompiledProfile profile : profiles.values()) {
                switch (profile.name()) {
                    case "JP_Observation_Common_eCS" -> implied.put("Observation", profile);
                    case "JP_Observation_LabResult_eCS" -> implied.put("Observation#laboratory", profile);
                    default -> {
                    }
                }
            }
            Loaded loaded = new Loaded(Map.copyOf(profiles), Map.copyOf(implied), invariants,
                    Map.copyOf(extensions));
            loaded.timing = "parsed in " + (parsed - started) / 1_000_000 + " ms, compiled in "
                    + (System.nanoTime() - parsed) / 1_000_000 + " ms";
            return loaded;
        }

        ProfileCompiler.@Nullable CompiledProfile impliedProfile(Resource resource) {
            if (resource instanceof Observation observation && isLaboratory(observation)) {
                return implied.get("Observation#laboratory");
            }
            return implied.get(resource.fhirType());
        }

        private static boolean isLaboratory(Observation observation) {
            for (CodeableConcept category : observation.getCategory()) {
                for (Coding coding : category.getCoding()) {
                    if ("laboratory".equals(coding.getCode())
                            && (!coding.hasSystem() || OBSERVATION_CATEGORY.equals(coding.getSystem()))) {
                        return true;
                    }
                }
            }
            return false;
        }
    }
}
