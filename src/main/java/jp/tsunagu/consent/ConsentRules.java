package jp.tsunagu.consent;

import java.util.Collections;
import java.util.List;
import java.util.Optional;

import jp.tsunagu.consent.Directive.Effect;

/**
 * The decision table, as a pure function of the patient's directives (the latest version of each) and
 * one request. In order:
 * <ol>
 * <li>an emergency is permitted (break-the-glass is time-boxed, reasoned and reviewed elsewhere);</li>
 * <li>a directive in force that denies this purpose and category wins ("no" beats "yes");</li>
 * <li>a directive in force that permits it, for this requester, permits it, unless the data carries a
 *     sensitive label that directive excludes;</li>
 * <li>otherwise the purpose's default: treatment and trial recruitment deny, the others permit.</li>
 * </ol>
 * Directives that are revoked, not yet started or ended do not count.
 */
public final class ConsentRules {

    private ConsentRules() {
    }

    public static Decision decide(List<Directive> directives, AccessRequest request) {
        if (request.purpose() == Purpose.EMERGENCY) {
            return Decision.permit("emergency", Optional.empty());
        }
        List<Directive> relevant = directives.stream()
                .filter(d -> d.purpose() == request.purpose() && d.inForceAt(request.at())
                        && d.categories().contains(request.category()) && speaksTo(d.grantee(), request))
                .toList();
        Optional<Directive> denial = relevant.stream().filter(d -> d.effect() == Effect.DENY).findFirst();
        if (denial.isPresent()) {
            return Decision.deny("optedOut", Optional.of(denial.get().id()));
        }
        List<Directive> permits = relevant.stream().filter(d -> d.effect() == Effect.PERMIT).toList();
        Optional<Directive> clean = permits.stream()
                .filter(d -> Collections.disjoint(d.excludedLabels(), request.labels())).findFirst();
        if (clean.isPresent()) {
            return Decision.permit("granted", Optional.of(clean.get().id()));
        }
        if (!permits.isEmpty()) {
            return Decision.deny("excludedLabel", Optional.of(permits.getFirst().id()));
        }
        return request.purpose().permittedByDefault()
                ? Decision.permit("defaultPermit", Optional.empty())
                : Decision.deny("defaultDeny", Optional.empty());
    }

    private static boolean speaksTo(Grantee grantee, AccessRequest request) {
        return switch (grantee) {
            case Grantee.Organisation organisation -> request.requester().filter(organisation.id()::equals).isPresent();
            case Grantee.Treating treating -> request.requesterTreats();
            case Grantee.Audience audience -> request.purpose() != Purpose.TREATMENT;
        };
    }
}
