package jp.tsunagu.fhir;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jp.tsunagu.directory.OrganisationDetails;
import jp.tsunagu.record.ItemContent;
import jp.tsunagu.record.SensitiveLabel;
import org.hl7.fhir.r4.model.Practitioner;

/**
 * What an import will do, decided before anything is written: every entry checked, mapped to the item it
 * becomes with its identity at the source and who speaks for it. {@link ImportWriter} carries it out in
 * one transaction; a plan that cannot be carried out was refused before it existed.
 *
 * @param organisations the 医療機関コード every item and practitioner is attributed to, with the bundle's own
 *        Organization for it when it has one (registered on first sight), else empty (already registered)
 * @param warnings findings that do not refuse the bundle (an unknown extension, a code system the packages
 *        do not define); the sender reads them in the answer
 */
record ImportPlan(ParsedBundle bundle, List<Scope> scopes, List<PlannedPractitioner> practitioners,
        Map<String, Optional<OrganisationDetails>> organisations, List<ImportProblem> warnings) {

    ImportPlan {
        scopes = List.copyOf(scopes);
        practitioners = List.copyOf(practitioners);
        organisations = Map.copyOf(organisations);
        warnings = List.copyOf(warnings);
    }

    /**
     * One bundle as stored: the top one, or one nested in a collection (an export carries the bundles it
     * received), each kept as received.
     *
     * @param source the 医療機関コード speaking for the whole bundle, if one does
     */
    record Scope(ParsedBundle bundle, Optional<String> source, String original, List<PlannedItem> items) {

        Scope {
            items = List.copyOf(items);
        }
    }

    /** @param key the item's identity at its sender (the sender itself is part of the stored identity) */
    record PlannedItem(ParsedBundle.Entry entry, ItemContent content, Optional<String> source, String key,
            boolean undisclosed, List<SensitiveLabel> sensitiveLabels) {

        PlannedItem {
            sensitiveLabels = List.copyOf(sensitiveLabels);
        }
    }

    record PlannedPractitioner(Practitioner practitioner, Optional<String> source, String key) {
    }
}
