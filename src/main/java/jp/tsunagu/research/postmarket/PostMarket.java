package jp.tsunagu.research.postmarket;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jp.tsunagu.consent.Purpose;
import jp.tsunagu.identity.Authorities;
import jp.tsunagu.record.RecordCategory;
import jp.tsunagu.research.Cohorts;
import jp.tsunagu.research.Criterion;
import jp.tsunagu.research.InvalidCriteriaException;
import jp.tsunagu.research.QueryRefusedException;
import jp.tsunagu.research.Released;
import jp.tsunagu.research.counting.CohortEngine;
import org.roaringbitmap.RoaringBitmap;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The post-market safety view: for a drug, how many patients (who allow post-market surveillance) had a
 * lab signal in the N days after their first prescription, against the N days before. Every figure is
 * released like a count (suppressed, budgeted, compared with earlier ones, logged); an event count that
 * would leave 1–10 exposed patients without the event is hidden as well.
 */
@Service
public class PostMarket {

    public static final int SHORTEST = 7;
    public static final int LONGEST = 365;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final NumberedExposures store;
    private final Cohorts cohorts;
    private final CohortEngine engine;

    PostMarket(NumberedExposures store, Cohorts cohorts, CohortEngine engine) {
        this.store = store;
        this.cohorts = cohorts;
        this.engine = engine;
    }

    public record Analysis(UUID query, String drug, SafetySignal signal, int days, Released exposed, Released before,
            Released after, int remainingToday) {
    }

    @PreAuthorize(Authorities.IS_SPONSOR)
    @Transactional(noRollbackFor = QueryRefusedException.class)
    public Analysis analyse(String drug, SafetySignal signal, int days) {
        Criterion.Prescription prescription = new Criterion.Prescription(drug);
        if (days < SHORTEST || days > LONGEST) {
            throw new InvalidCriteriaException("research.safety.error.days", SHORTEST, LONGEST);
        }
        var definition = JSON.createObjectNode();
        definition.put("drug", prescription.code());
        definition.put("signal", signal.name());
        definition.put("days", days);
        Cohorts.Asked asked = cohorts.ask(prescription, "POST_MARKET", Purpose.POST_MARKET, Optional.empty(),
                JSON.writeValueAsString(definition));
        RoaringBitmap allowed = engine.permittedFor(Purpose.POST_MARKET,
                EnumSet.of(RecordCategory.PRESCRIPTION, RecordCategory.LAB));
        RoaringBitmap exposed = new RoaringBitmap();
        RoaringBitmap before = new RoaringBitmap();
        RoaringBitmap after = new RoaringBitmap();
        store.exposures(prescription.code(), signal.codes(), signal.timesUpperLimit(), days,
                (number, firstDay, wasBefore, wasAfter) -> {
                    if (allowed.contains(number)) {
                        exposed.add(number);
                        if (wasBefore) {
                            before.add(number);
                        }
                        if (wasAfter) {
                            after.add(number);
                        }
                    }
                });
        Released exposedFigure = Released.forSponsors(exposed.getLongCardinality());
        Map<String, RoaringBitmap> sets = new LinkedHashMap<>();
        sets.put("safety:exposed", exposed);
        sets.put("safety:before", before);
        sets.put("safety:after", after);
        Map<String, Released> decided = new LinkedHashMap<>();
        decided.put("safety:exposed", exposedFigure);
        decided.put("safety:before", within(exposedFigure, exposed, before));
        decided.put("safety:after", within(exposedFigure, exposed, after));
        Map<String, Released> released = Cohorts.Maps.figures(cohorts.release(asked, exposed, sets, decided,
                Optional.empty(), figures -> {
                    var json = JSON.createObjectNode();
                    json.put("exposed", figures.get("safety:exposed").token());
                    json.put("before", figures.get("safety:before").token());
                    json.put("after", figures.get("safety:after").token());
                    return JSON.writeValueAsString(json);
                }));
        return new Analysis(asked.id(), prescription.code(), signal, days, released.get("safety:exposed"),
                released.get("safety:before"), released.get("safety:after"), cohorts.remaining(asked));
    }

    /** An event count within the exposed: hidden too when the exposed without the event would be 1–10. */
    private static Released within(Released exposedFigure, RoaringBitmap exposed, RoaringBitmap events) {
        Released figure = Released.forSponsors(events.getLongCardinality());
        long without = exposed.getLongCardinality() - events.getLongCardinality();
        if (figure.shown() && exposedFigure.shown() && without > 0 && without < Released.SMALLEST_SHOWN) {
            return Released.hiddenToProtectOthers();
        }
        return figure;
    }
}
