package jp.tsunagu.demo;

import java.time.Instant;
import java.util.List;

import jp.tsunagu.directory.PatientDetails;

/**
 * One generated person with everything the portal would hold about them.
 *
 * @param key the person's synthetic identifier value ("P0000123"), also the stem of every item's key
 * @param care the organisations (by 医療機関コード) treating them, each since their first contact
 */
public record SyntheticPatient(String key, PatientDetails details, List<Care> care, List<SyntheticItem> items) {

    public SyntheticPatient {
        care = List.copyOf(care);
        items = List.copyOf(items);
    }

    public record Care(String organisationCode, Instant since) {
    }
}
