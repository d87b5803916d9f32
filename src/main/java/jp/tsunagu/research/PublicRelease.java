package jp.tsunagu.research;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import jp.tsunagu.directory.DirectoryFacts;
import jp.tsunagu.directory.PatientId;
import jp.tsunagu.research.counting.persistence.IndexStore;
import jp.tsunagu.research.release.ReleaseLedger;
import org.roaringbitmap.RoaringBitmap;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The way out for the public figures: each count of people is adjusted like every other released count (the
 * same people always read the same) and entered in the one release ledger, so the ledger knows every number
 * that left the portal and a sponsor's later figure is held against it. Public figures are not refused: they
 * are a fixed family nobody chooses (days, prefectures, months), protected by suppression and the adjustment
 * (ADR 0009). Called by the public figures' background refresh.
 */
@Component
public class PublicRelease {

    private final ReleaseLedger ledger;
    private final IndexStore numbers;
    private final DirectoryFacts directory;

    PublicRelease(ReleaseLedger ledger, IndexStore numbers, DirectoryFacts directory) {
        this.ledger = ledger;
        this.numbers = numbers;
        this.directory = directory;
    }

    /** Starts one refresh's figures: numbers everyone new, then reads the patient numbers once. */
    @Transactional
    public Batch begin() {
        return new Batch(numbers.numberEveryone(directory.patientsInOrder()));
    }

    /** The figures of one refresh, entered together by {@link #enter}. */
    public final class Batch {

        private final Map<PatientId, Integer> byPatient;
        private final Map<String, Map.Entry<RoaringBitmap, Long>> entered = new LinkedHashMap<>();

        private Batch(Map<PatientId, Integer> byPatient) {
            this.byPatient = byPatient;
        }

        /** A count of these people, as decided by the table's suppression ({@code decided}), adjusted if shown. */
        public Released people(String label, Released decided, Collection<PatientId> people) {
            return count(label, decided, people.stream().distinct().count(), people);
        }

        /** A count of {@code count} events of these people (documents, duplicate prescriptions…). */
        public Released count(String label, Released decided, long count, Collection<PatientId> people) {
            if (!decided.shown() || count == 0) {
                return decided;
            }
            RoaringBitmap members = new RoaringBitmap();
            for (PatientId patient : people) {
                // Everyone was numbered when the batch began; somebody registered since is in no figure yet.
                Integer number = byPatient.get(patient);
                if (number != null) {
                    members.add(number);
                }
            }
            Released released = ledger.perturbation().release(count, members);
            released.value().ifPresent(v -> entered.put(label, Map.entry(members, v)));
            return released;
        }

        /** The {@code patients} in the portal except these (who opted out of a purpose). */
        public Released everyoneBut(String label, long patients, Collection<PatientId> out) {
            java.util.Set<PatientId> except = new java.util.HashSet<>(out);
            long count = Math.max(0, patients - except.size());
            return count(label, Released.of(count), count,
                    byPatient.keySet().stream().filter(p -> !except.contains(p)).toList());
        }

        /** A count of people with the floor alone decided here (1–10 read "10 or fewer"). */
        public Released people(String label, Collection<PatientId> people) {
            long n = people.stream().distinct().count();
            return count(label, Released.of(n), n, people);
        }
    }

    /**
     * Enters the batch's shown figures in the ledger, in a transaction of its own under the ledger's lock; a
     * figure whose people were entered under the same label before is not entered again.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public int enter(Batch batch, Instant at) {
        ledger.lockAndRead();
        int added = 0;
        for (Map.Entry<String, Map.Entry<RoaringBitmap, Long>> e : batch.entered.entrySet()) {
            if (ledger.enterForPublic(at, "public:" + e.getKey(), e.getValue().getValue(), e.getValue().getKey())) {
                added++;
            }
        }
        return added;
    }
}
