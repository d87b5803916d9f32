package jp.tsunagu.demo;

import java.util.List;
import java.util.Optional;

import jp.tsunagu.directory.OrganisationId;
import jp.tsunagu.record.ItemContent;
import jp.tsunagu.record.NewItem;
import jp.tsunagu.record.SensitiveLabel;
import jp.tsunagu.record.Source;
import jp.tsunagu.record.SourceKeys;

/**
 * A generated record item and where it comes from.
 *
 * @param organisationCode the 医療機関コード of the source; empty for what the patient entered (PHR)
 * @param resourceType the FHIR resource type the item is exported as (Encounter, Condition,
 *     AllergyIntolerance, Observation, MedicationRequest, Composition)
 * @param localId its identifier value in the synthetic naming system, e.g. "P0000123-dx-2"
 */
public record SyntheticItem(Optional<String> organisationCode, String resourceType, String localId,
        ItemContent content, boolean undisclosed, List<SensitiveLabel> labels) {

    public SyntheticItem {
        labels = List.copyOf(labels);
    }

    /** The key the importer would compute for the exported resource, so a re-import finds this item. */
    public String sourceKey() {
        return SourceKeys.born(resourceType, SyntheticPopulation.SYSTEM, localId);
    }

    public NewItem toNewItem(Optional<OrganisationId> organisation) {
        return new NewItem(content, new Source(organisation, sourceKey(),
                Optional.of(SyntheticPopulation.SYSTEM + "|" + localId), Optional.empty()), undisclosed, labels);
    }
}
