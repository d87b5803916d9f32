package jp.tsunagu.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jp.tsunagu.consent.Directive.Effect;
import jp.tsunagu.consent.Directive.Status;
import jp.tsunagu.directory.OrganisationId;
import jp.tsunagu.directory.PatientId;
import jp.tsunagu.record.RecordCategory;
import jp.tsunagu.record.SensitiveLabel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The decision table. Each row: what the patient said (grantee, effect, period, revoked, categories,
 * excluded label), who asks (the organisation granted, another one, one that treats the patient) for
 * what (purpose, category, label), and the expected answer with its reason.
 */
class ConsentRulesTest {

    private static final Instant NOW = Instant.parse("2026-11-24T03:00:00Z");
    private static final PatientId PATIENT = new PatientId(UUID.randomUUID());
    private static final OrganisationId HOSPITAL_A = new OrganisationId(UUID.randomUUID());
    private static final OrganisationId HOSPITAL_B = new OrganisationId(UUID.randomUUID());

    @ParameterizedTest(name = "[{index}] {0}: {1}/{2} {3} {4} revoked={5} cats={6} excl={7} | {8} asks {9} for {10} "
            + "label={11} -> {12} ({13})")
    @CsvSource(nullValues = "-", delimiter = '|', value = {
            // --- defaults when the patient has said nothing
            "default treatment       | -        | -      | -       | -    | no  | -            | -            | A       | TREATMENT         | LAB       | -            | DENY   | defaultDeny",
            "default emergency       | -        | -      | -       | -    | no  | -            | -            | B       | EMERGENCY         | LAB       | MENTAL_HEALTH| PERMIT | emergency",
            "default trials          | -        | -      | -       | -    | no  | -            | -            | -       | TRIAL_RECRUITMENT | DIAGNOSIS | -            | DENY   | defaultDeny",
            "default research        | -        | -      | -       | -    | no  | -            | -            | -       | RESEARCH          | DIAGNOSIS | -            | PERMIT | defaultPermit",
            "default post-market     | -        | -      | -       | -    | no  | -            | -            | -       | POST_MARKET       | LAB       | -            | PERMIT | defaultPermit",
            "default public health   | -        | -      | -       | -    | no  | -            | -            | -       | PUBLIC_HEALTH     | INFECTION | -            | PERMIT | defaultPermit",
            // --- treatment grants
            "granted org, category   | ORG_A    | PERMIT | TREATMENT | now | no  | DIAGNOSIS,LAB | -           | A       | TREATMENT         | LAB       | -            | PERMIT | granted",
            "granted org, other cat  | ORG_A    | PERMIT | TREATMENT | now | no  | DIAGNOSIS,LAB | -           | A       | TREATMENT         | PRESCRIPTION | -         | DENY   | defaultDeny",
            "granted org, other org  | ORG_A    | PERMIT | TREATMENT | now | no  | DIAGNOSIS,LAB | -           | B       | TREATMENT         | LAB       | -            | DENY   | defaultDeny",
            "treating, treats        | TREATING | PERMIT | TREATMENT | now | no  | LAB          | -            | TREATS  | TREATMENT         | LAB       | -            | PERMIT | granted",
            "treating, does not      | TREATING | PERMIT | TREATMENT | now | no  | LAB          | -            | B       | TREATMENT         | LAB       | -            | DENY   | defaultDeny",
            "revoked grant           | ORG_A    | PERMIT | TREATMENT | now | yes | LAB          | -            | A       | TREATMENT         | LAB       | -            | DENY   | defaultDeny",
            "expired grant           | ORG_A    | PERMIT | TREATMENT | past | no | LAB          | -            | A       | TREATMENT         | LAB       | -            | DENY   | defaultDeny",
            "future grant            | ORG_A    | PERMIT | TREATMENT | future | no | LAB        | -            | A       | TREATMENT         | LAB       | -            | DENY   | defaultDeny",
            "excluded label          | ORG_A    | PERMIT | TREATMENT | now | no  | DIAGNOSIS    | MENTAL_HEALTH | A      | TREATMENT         | DIAGNOSIS | MENTAL_HEALTH | DENY  | excludedLabel",
            "other label passes      | ORG_A    | PERMIT | TREATMENT | now | no  | DIAGNOSIS    | MENTAL_HEALTH | A      | TREATMENT         | DIAGNOSIS | GENETIC      | PERMIT | granted",
            "treatment grant ≠ trial | ORG_A    | PERMIT | TREATMENT | now | no  | DIAGNOSIS    | -            | A       | TRIAL_RECRUITMENT | DIAGNOSIS | -            | DENY   | defaultDeny",
            "deny one hospital       | ORG_B    | DENY   | TREATMENT | now | no  | LAB          | -            | B       | TREATMENT         | LAB       | -            | DENY   | optedOut",
            // --- purpose switches
            "trials opted in         | AUDIENCE | PERMIT | TRIAL_RECRUITMENT | now | no | DIAGNOSIS,LAB | -      | -       | TRIAL_RECRUITMENT | LAB       | -            | PERMIT | granted",
            "trials opt-in revoked   | AUDIENCE | PERMIT | TRIAL_RECRUITMENT | now | yes | DIAGNOSIS,LAB | -     | -       | TRIAL_RECRUITMENT | LAB       | -            | DENY   | defaultDeny",
            "research opted out      | AUDIENCE | DENY   | RESEARCH | now  | no  | DIAGNOSIS,LAB | -           | -       | RESEARCH          | LAB       | -            | DENY   | optedOut",
            "research opt-out revoked | AUDIENCE | DENY  | RESEARCH | now  | yes | DIAGNOSIS,LAB | -           | -       | RESEARCH          | LAB       | -            | PERMIT | defaultPermit",
            "post-market opted out   | AUDIENCE | DENY   | POST_MARKET | now | no | LAB          | -            | -       | POST_MARKET       | LAB       | -            | DENY   | optedOut",
            "research out ≠ public   | AUDIENCE | DENY   | RESEARCH | now  | no  | INFECTION    | -            | -       | PUBLIC_HEALTH     | INFECTION | -            | PERMIT | defaultPermit",
            "public health opted out | AUDIENCE | DENY   | PUBLIC_HEALTH | now | no | INFECTION  | -            | -       | PUBLIC_HEALTH     | INFECTION | -            | DENY   | optedOut",
            "opted out, other cat    | AUDIENCE | DENY   | RESEARCH | now  | no  | LAB          | -            | -       | RESEARCH          | DIAGNOSIS | -            | PERMIT | defaultPermit",
            "expired opt-out         | AUDIENCE | DENY   | RESEARCH | past | no  | LAB          | -            | -       | RESEARCH          | LAB       | -            | PERMIT | defaultPermit",
            "audience ≠ treatment    | AUDIENCE | PERMIT | TREATMENT | now | no  | LAB          | -            | A       | TREATMENT         | LAB       | -            | DENY   | defaultDeny"})
    void decisionTable(String name, String grantee, String effect, Purpose directivePurpose, String period,
            String revoked, String categories, String excluded, String requester, Purpose purpose,
            RecordCategory category, String label, String expected, String reason) {
        List<Directive> directives = new ArrayList<>();
        if (grantee != null) {
            Instant from = switch (period) {
                case "past" -> NOW.minus(Duration.ofDays(60));
                case "future" -> NOW.plus(Duration.ofDays(1));
                default -> NOW.minus(Duration.ofDays(1));
            };
            Optional<Instant> until = period.equals("past") ? Optional.of(NOW.minus(Duration.ofDays(30)))
                    : Optional.of(NOW.plus(Duration.ofDays(365)));
            Grantee who = switch (grantee) {
                case "ORG_A" -> new Grantee.Organisation(HOSPITAL_A);
                case "ORG_B" -> new Grantee.Organisation(HOSPITAL_B);
                case "TREATING" -> new Grantee.Treating();
                default -> new Grantee.Audience();
            };
            var id = DirectiveId.random();
            var granted = new Directive(id, 1, PATIENT, directivePurpose, Effect.valueOf(effect), who,
                    categories(categories), labels(excluded), from, until, Status.ACTIVE, from, "patient");
            // The ledger hands the rules the latest version of each directive: a revocation is version 2.
            directives.add(revoked.equals("yes") ? new Directive(id, 2, PATIENT, directivePurpose,
                    Effect.valueOf(effect), who, granted.categories(), granted.excludedLabels(), from, until,
                    Status.REVOKED, NOW.minusSeconds(1), "patient") : granted);
        }
        Optional<OrganisationId> asking = switch (requester == null ? "-" : requester) {
            case "A" -> Optional.of(HOSPITAL_A);
            case "B", "TREATS" -> Optional.of(HOSPITAL_B);
            default -> Optional.empty();
        };
        var request = new AccessRequest(purpose, category, asking, "TREATS".equals(requester), labels(label), NOW);

        Decision decision = ConsentRules.decide(directives, request);

        assertThat(decision.permitted()).as(name).isEqualTo(expected.equals("PERMIT"));
        assertThat(decision.reason()).as(name).isEqualTo(reason);
        assertThat(decision.basis().isPresent()).as(name + ": rests on a directive")
                .isEqualTo(!reason.startsWith("default") && !reason.equals("emergency"));
    }

    private static Set<RecordCategory> categories(String text) {
        return text == null ? Set.of() : java.util.Arrays.stream(text.split(",")).map(String::strip)
                .map(RecordCategory::valueOf).collect(java.util.stream.Collectors.toSet());
    }

    private static Set<SensitiveLabel> labels(String text) {
        return text == null ? Set.of() : Set.of(SensitiveLabel.valueOf(text.strip()));
    }
}
