package jp.tsunagu.record;

import java.util.Collection;
import java.util.Optional;

/**
 * How an item is recognised again at its source: resource type plus identifiers (sorted), plus the
 * resource's logical id when it has one. The importer and the synthetic population use this one rule,
 * so that an exported and re-imported item lands on its own row instead of a twin.
 */
public final class SourceKeys {

    private SourceKeys() {
    }

    /**
     * @param identifiers "system|value" pairs
     * @param logicalId Resource.id, if any
     * @param contentSha256 used only when there is neither identifier nor id: identical content is the same item
     */
    public static String of(String resourceType, Collection<String> identifiers, Optional<String> logicalId,
            String contentSha256) {
        if (identifiers.isEmpty() && logicalId.isEmpty()) {
            return resourceType + "|sha256:" + contentSha256;
        }
        StringBuilder key = new StringBuilder(resourceType);
        identifiers.stream().sorted().forEach(identifier -> key.append('|').append(identifier));
        logicalId.ifPresent(id -> key.append("|id:").append(id));
        return key.toString();
    }

    /** For items born in the portal: one identifier in the portal's own naming system. */
    public static String born(String resourceType, String system, String value) {
        return of(resourceType, java.util.List.of(system + "|" + value), Optional.empty(), "");
    }
}
