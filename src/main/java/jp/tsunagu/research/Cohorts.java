package jp.tsunagu.research;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jp.tsunagu.consent.Purpose;
import jp.tsunagu.identity.Authorities;
import jp.tsunagu.research.counting.CohortEngine;
import jp.tsunagu.research.counting.CohortIndexMaintenance;
import jp.tsunagu.research.release.ReleaseLedger;
import jp.tsunagu.research.release.ReleaseRule;
import jp.tsunagu.research.release.persistence.QueryLogStore;
import jp.tsunagu.shared.JapanTime;
import org.roaringbitmap.RoaringBitmap;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Counts of consented patients for trial sponsors, under the privacy floor: only patients who allow
 * trial recruitment for the categories the definition reads; 1–10 released as "10 or fewer"; breakdowns
 * without shape; a daily budget; and every figure through the one release rule (ADR 0009): a group within 10
 * people of an earlier figure's reads as that figure, any other carries its adjustment. Every query, refused
 * ones too, is logged with its definition and exactly what was released, and every shown figure is entered in
 * the release ledger, in the same transaction as the answer.
 */
@Service
public class Cohorts {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final CohortEngine engine;
    private final CohortIndexMaintenance maintenance;
    private final QueryLogStore log;
    private final jp.tsunagu.research.studies.persistence.StudyStore saved;
    private final Sponsors sponsors;
    private final ResearchProperties properties;
    private final ReleaseLedger ledger;
    private final Clock clock;

    Cohorts(CohortEngine engine, CohortIndexMaintenance maintenance, QueryLogStore log,
            jp.tsunagu.research.studies.persistence.StudyStore saved, Sponsors sponsors, ResearchProperties properties,
            ReleaseLedger ledger, Optional<Clock> clock) {
        this.ledger = ledger;
        this.engine = engine;
        this.maintenance = maintenance;
        this.log = log;
        this.saved = saved;
        this.sponsors = sponsors;
        this.properties = properties;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    /**
     * @param sameAs set when the people counted are within 10 of an earlier figure's, which this one then reads as
     */
    public record Count(UUID query, Released count, Optional<SameAs> sameAs, int remainingToday) {
    }

    /**
     * @param cellsSameAsEarlier the cells that read as an earlier figure (their people within 10 of its)
     */
    public record Breakdown(UUID query, Dimension dimension, Released total, Map<String, Released> cells,
            Optional<SameAs> sameAs, List<String> cellsSameAsEarlier, int remainingToday) {
    }

    /**
     * The earlier figure a new one reads as: the sponsor's own (with its time), or one given to another user or
     * published (then neither whose nor when: other users' questions are theirs).
     */
    public record SameAs(boolean own, Optional<Instant> at) {
    }

    private static Optional<SameAs> sameAs(Asked asked, ReleaseRule.Outcome outcome) {
        return outcome.sameAs().map(e -> {
            boolean own = e.recipient().equals(Optional.of(asked.asking().organisation().id().value()));
            return new SameAs(own, own ? Optional.of(e.at()) : Optional.empty());
        });
    }

    @PreAuthorize(Authorities.IS_SPONSOR)
    @Transactional(noRollbackFor = QueryRefusedException.class)
    public Count countCohort(Criterion definition, Optional<StudyId> study) {
        Asked asked = ask(definition, "COUNT", study);
        RoaringBitmap cohort = engine.cohort(definition, Purpose.TRIAL_RECRUITMENT, asked.today());
        Map<String, ReleaseRule.Outcome> out = release(asked, cohort, Map.of("total", cohort),
                Map.of("total", Released.forSponsors(cohort.getLongCardinality())), Optional.empty(),
                figures -> Maps.json(figures.get("total"), Map.of()));
        ReleaseRule.Outcome total = out.get("total");
        return new Count(asked.id(), total.figure(), sameAs(asked, total), remaining(asked));
    }

    @PreAuthorize(Authorities.IS_SPONSOR)
    @Transactional(noRollbackFor = QueryRefusedException.class)
    public Breakdown breakdown(Criterion definition, Dimension dimension, Optional<StudyId> study) {
        Asked asked = ask(definition, "BREAKDOWN", study);
        RoaringBitmap cohort = engine.cohort(definition, Purpose.TRIAL_RECRUITMENT, asked.today());
        Map<String, RoaringBitmap> cells = engine.cells(cohort, dimension, asked.today());
        List<String> keys = new ArrayList<>(cells.keySet());
        Disclosure.Table table = Disclosure.withoutShape(cohort.getLongCardinality(),
                keys.stream().map(k -> cells.get(k).getLongCardinality()).toList());
        Map<String, RoaringBitmap> sets = new LinkedHashMap<>();
        Map<String, Released> decided = new LinkedHashMap<>();
        sets.put("total", cohort);
        decided.put("total", table.total());
        RoaringBitmap hidden = new RoaringBitmap();
        // A breakdown of 0–10 people is not given at all: its cells would only say where those few are.
        boolean given = table.total().shown();
        if (given) {
            for (int i = 0; i < keys.size(); i++) {
                RoaringBitmap members = cells.get(keys.get(i));
                sets.put(cellLabel(dimension, keys.get(i)), members);
                decided.put(cellLabel(dimension, keys.get(i)), table.cells().get(i));
                if (!table.cells().get(i).shown()) {
                    hidden.or(members);
                }
            }
        }
        Map<String, ReleaseRule.Outcome> out = release(asked, cohort, sets, decided, Optional.of(hidden),
                figures -> Maps.json(figures.get("total"), cellsOf(dimension, keys, figures)));
        Map<String, Released> shown = given ? cellsOf(dimension, keys, Maps.figures(out)) : new LinkedHashMap<>();
        List<String> sameAsEarlier = new ArrayList<>();
        for (String key : keys) {
            ReleaseRule.Outcome o = out.get(cellLabel(dimension, key));
            if (o != null && o.sameAs().isPresent()) {
                sameAsEarlier.add(key);
            }
        }
        ReleaseRule.Outcome total = out.get("total");
        return new Breakdown(asked.id(), dimension, total.figure(), shown, sameAs(asked, total), sameAsEarlier,
                remaining(asked));
    }

    private static String cellLabel(Dimension dimension, String key) {
        return dimension.name() + ":" + key;
    }

    private static Map<String, Released> cellsOf(Dimension dimension, List<String> keys, Map<String, Released> all) {
        Map<String, Released> cells = new LinkedHashMap<>();
        for (String key : keys) {
            Released r = all.get(cellLabel(dimension, key));
            if (r != null) {
                cells.put(key, r);
            }
        }
        return cells;
    }

    /** A definition the sponsor keeps under a name (the same name replaces it). */
    public record Saved(String name, Criterion definition, Instant savedAt) {
    }

    @PreAuthorize(Authorities.IS_SPONSOR)
    @Transactional
    public void save(String name, Criterion definition) {
        String n = name.strip();
        if (n.isEmpty() || n.length() > 100) {
            throw new InvalidCriteriaException("research.error.name", 100);
        }
        CriteriaJson.checkLimits(definition);
        Sponsors.Asking asking = sponsors.current();
        saved.saveDefinition(asking.organisation().id(), n, CriteriaJson.write(definition), asking.actor().subject(),
                clock.instant());
    }

    @PreAuthorize(Authorities.IS_SPONSOR)
    @Transactional(readOnly = true)
    public List<Saved> saved() {
        return saved.definitions(sponsors.current().organisation().id()).stream()
                .map(d -> new Saved(d.name(), CriteriaJson.read(d.definition()), d.savedAt())).toList();
    }

    /** One invitation round as released: when, and how many were newly invited (suppressed as released). */
    public record Round(Instant at, Released invited) {
    }

    /** The invitation rounds of one of the sponsor's studies, as released (when; newly invited, suppressed). */
    @PreAuthorize(Authorities.IS_SPONSOR)
    public List<Round> invitationRounds(StudyId study) {
        return log.invitationRounds(study.value()).stream()
                .map(r -> new Round(r.at(), token(r.released()))).toList();
    }

    /** The total a query released, read back from the log's JSON. */
    private static Released token(String releasedJson) {
        return Released.ofToken(JSON.readTree(releasedJson).path("total").asString("<=10"));
    }

    /** The sponsor's own recent queries as logged, newest first. */
    @PreAuthorize(Authorities.IS_SPONSOR)
    @Transactional(readOnly = true)
    public List<LoggedQuery> myQueries() {
        return log.recent(Optional.of(sponsors.current().organisation().id()), 50);
    }

    /** Every sponsor's recent queries, for the stewards. */
    @PreAuthorize(Authorities.IS_STEWARD)
    @Transactional(readOnly = true)
    public List<LoggedQuery> allQueries() {
        return log.recent(Optional.empty(), 200);
    }

    /** What the signed-in sponsor may still ask today. */
    @PreAuthorize(Authorities.IS_SPONSOR)
    @Transactional(readOnly = true)
    public int remainingToday() {
        Sponsors.Asking asking = sponsors.current();
        return Math.max(0, properties.dailyBudget() - log.countedAgainstBudget(asking.organisation().id(),
                JapanTime.startOfDay(JapanTime.dateOf(clock.instant()))));
    }

    /** The codes the builder offers (no counts). */
    @PreAuthorize(Authorities.IS_SPONSOR + " or " + Authorities.IS_STEWARD)
    public Vocabulary vocabulary() {
        return engine.vocabulary();
    }

    /** Checks a definition against the index's limits without counting (the builder's "check" button). */
    @PreAuthorize(Authorities.IS_SPONSOR)
    public void check(Criterion definition) {
        CriteriaJson.checkLimits(definition);
        engine.check(definition);
    }

    public record Asked(UUID id, Sponsors.Asking asking, Instant at, LocalDate today, String kind, Purpose purpose,
            Optional<StudyId> study, String definition) {
    }

    /** Checks the definition and the budget; a refused query is logged and nothing is counted. */
    @PreAuthorize(Authorities.IS_SPONSOR)
    public Asked ask(Criterion definition, String kind, Optional<StudyId> study) {
        return ask(definition, kind, Purpose.TRIAL_RECRUITMENT, study, CriteriaJson.definition(definition));
    }

    @PreAuthorize(Authorities.IS_SPONSOR)
    public Asked ask(Criterion definition, String kind, Purpose purpose, Optional<StudyId> study, String loggedDefinition) {
        CriteriaJson.checkLimits(definition);
        engine.check(definition);
        if (!maintenance.ready()) {
            throw new QueryRefusedException("research.refused.notReady");
        }
        Sponsors.Asking asking = sponsors.current();
        if (study.isPresent() && !saved.studyOf(study.get().value(), asking.organisation().id())) {
            throw new QueryRefusedException("research.refused.noStudy");
        }
        // One query of a sponsor at a time: two at once would each miss the other in the budget and the
        // differencing checks. Held until this transaction ends, when the query is logged.
        log.lockSponsor(asking.organisation().id());
        Instant at = clock.instant();
        Asked asked = new Asked(UUID.randomUUID(), asking, at, JapanTime.dateOf(at), kind, purpose, study,
                loggedDefinition);
        if (remaining(asked) <= 0) {
            refuse(asked, "REFUSED_BUDGET");
            throw new QueryRefusedException("research.refused.budget", properties.dailyBudget());
        }
        Optional<Criterion> small = smallPart(definition, purpose, asked.today());
        if (small.isPresent()) {
            refuse(asked, "REFUSED_SMALL_PART");
            throw new QueryRefusedException(small, "research.refused.smallPart", CriteriaJson.definition(small.get()));
        }
        return asked;
    }

    /**
     * The first part of the definition (any branch, any group, any NOT's operand, any single criterion; not the
     * whole) that holds 0–10 of the people the whole may count. A question padded with a few known people — ten
     * people each the only one of their kind, OR the one person it is about — would otherwise let the floor of 11,
     * or the "within 10" of the release rule, say whether that person is in (a tracker); so would a part of 0 or 1
     * about her alone. Whether a part is 0–10 is what counting the part alone says ("10 or fewer"), so refusing
     * teaches nothing new; and a part of known exact size above 10 cannot be had from the portal, whose figures
     * are adjusted.
     */
    private Optional<Criterion> smallPart(Criterion definition, Purpose purpose, LocalDate today) {
        List<Criterion> parts = Criterion.partsOf(definition);
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        RoaringBitmap universe = engine.permittedFor(purpose, definition.categories());
        for (Criterion part : parts) {
            long people = RoaringBitmap.andCardinality(engine.cohort(part, purpose, today), universe);
            if (people < Released.SMALLEST_SHOWN) {
                return Optional.of(part);
            }
        }
        return Optional.empty();
    }

    @PreAuthorize(Authorities.IS_SPONSOR)
    public int remaining(Asked asked) {
        return Math.max(0, properties.dailyBudget() - log.countedAgainstBudget(asked.asking().organisation().id(),
                JapanTime.startOfDay(asked.today())));
    }

    /**
     * Releases an answer: each figure as suppression decided it ({@code decided}), a shown one reading as the
     * earlier figure its people are within 10 of (any sponsor's, any kind, or a public one) or else adjusted; logs
     * the answer and enters every shown figure and the breakdown's hidden group in the ledger, all in this
     * transaction and under the ledger's lock, so the next answer anywhere is held against these.
     */
    @PreAuthorize(Authorities.IS_SPONSOR)
    public Map<String, ReleaseRule.Outcome> release(Asked asked, RoaringBitmap counted, Map<String, RoaringBitmap> sets,
            Map<String, Released> decided, Optional<RoaringBitmap> hidden,
            java.util.function.Function<Map<String, Released>, String> releasedJson) {
        ReleaseRule.Anchors earlier = ledger.lockAndRead();
        Map<String, ReleaseRule.Outcome> out = ReleaseRule.release(sets, decided, earlier, ledger.perturbation());
        UUID sponsor = asked.asking().organisation().id().value();
        log.insert(new QueryLogStore.Entry(asked.id(), asked.asking().organisation().id(),
                asked.asking().actor().subject(), asked.asking().actor().displayName(), asked.at(), asked.kind(),
                asked.purpose().name(), asked.study().map(StudyId::value), asked.definition(), "RELEASED",
                releasedJson.apply(Maps.figures(out)), Optional.of(counted)));
        out.forEach((label, outcome) -> {
            if (outcome.figure().shown() && !sets.get(label).isEmpty()) {
                ledger.enterForSponsor(asked.at(), sponsor, asked.id(), label, outcome, sets.get(label));
            }
        });
        hidden.filter(h -> !h.isEmpty()).ifPresent(h -> ledger.enterHidden(asked.at(), sponsor, asked.id(), h));
        return out;
    }

    /** The figures of an answer, without where they came from, and as the log keeps them. */
    public static final class Maps {
        private Maps() {
        }

        public static Map<String, Released> figures(Map<String, ReleaseRule.Outcome> out) {
            Map<String, Released> figures = new LinkedHashMap<>();
            out.forEach((label, outcome) -> figures.put(label, outcome.figure()));
            return figures;
        }

        /** An answer as the log keeps it: the total and the cells, as released. */
        public static String json(Released total, Map<String, Released> cells) {
            ObjectNode node = JSON.createObjectNode();
            node.put("total", total.token());
            if (!cells.isEmpty()) {
                ObjectNode c = node.putObject("cells");
                cells.forEach((k, v) -> c.put(k, v.token()));
            }
            return JSON.writeValueAsString(node);
        }
    }

    private void refuse(Asked asked, String outcome) {
        log.insert(new QueryLogStore.Entry(asked.id(), asked.asking().organisation().id(),
                asked.asking().actor().subject(), asked.asking().actor().displayName(), asked.at(), asked.kind(),
                asked.purpose().name(), asked.study().map(StudyId::value), asked.definition(), outcome, "{}",
                Optional.empty()));
    }
}
