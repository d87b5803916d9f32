package jp.tsunagu.demo;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

import jp.tsunagu.demo.Facilities.Facility;
import jp.tsunagu.shared.Prefecture;

/**
 * Which facility a patient goes to: in their prefecture, hospitals in proportion to their size and
 * clinics equally. The demo clinicians' hospitals get a larger share, so that their clinicians find
 * patients of their own in the demo.
 */
final class FacilityMap {

    private final List<Facility> all;
    private final Map<String, Facility> byCode = new LinkedHashMap<>();
    private final Map<Prefecture, Weighted<Facility>> hospitals = new EnumMap<>(Prefecture.class);
    private final Map<Prefecture, Weighted<Facility>> clinics = new EnumMap<>(Prefecture.class);

    FacilityMap(List<Facility> all) {
        this.all = all;
        Map<Prefecture, Weighted.Builder<Facility>> h = new EnumMap<>(Prefecture.class);
        Map<Prefecture, Weighted.Builder<Facility>> c = new EnumMap<>(Prefecture.class);
        for (Facility facility : all) {
            byCode.put(facility.code(), facility);
            if (facility.hospital()) {
                boolean demo = facility.code().equals(Facilities.TOKYO_CHUO)
                        || facility.code().equals(Facilities.OSAKA_HOKUSO);
                h.computeIfAbsent(facility.prefecture(), p -> Weighted.builder())
                        .add(facility, (facility.beds() / 100.0 + 0.5) * (demo ? 4 : 1));
            } else {
                c.computeIfAbsent(facility.prefecture(), p -> Weighted.builder()).add(facility, 2);
            }
        }
        h.forEach((p, b) -> hospitals.put(p, b.build()));
        c.forEach((p, b) -> clinics.put(p, b.build()));
    }

    List<Facility> all() {
        return all;
    }

    Optional<Facility> byCode(String code) {
        return Optional.ofNullable(byCode.get(code));
    }

    Facility pick(SplittableRandom random, Prefecture prefecture, boolean hospital) {
        return (hospital ? hospitals : clinics).get(prefecture).draw(random);
    }

    /** Mostly at home; one visit in twelve goes to another prefecture (work, family, a specialist). */
    Facility pickFor(SplittableRandom random, Prefecture home, boolean hospital) {
        Prefecture where = random.nextDouble() < 0.92 ? home : Places.prefecture(random);
        return pick(random, where, hospital);
    }
}
