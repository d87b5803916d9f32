package jp.tsunagu.record;

import java.time.Period;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long items are kept from registration. The national sharing service keeps 6情報 five years;
 * the same default applies to documents and PHR entries until a policy says otherwise.
 */
@ConfigurationProperties("tsunagu.record.retention")
public record RecordProperties(@DefaultValue("5y") Period sixInformation, @DefaultValue("5y") Period documents,
        @DefaultValue("5y") Period other) {

    public Period retentionOf(RecordCategory category) {
        if (category.isSixInformation()) {
            return sixInformation;
        }
        return category.isDocument() ? documents : other;
    }
}
