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
import jp.tsunagu.research.persistence.QueryLogStore;
import jp.tsunagu.research.release.LedgerEntry;
import jp.tsunagu.research.release.ReleaseLedger;
import jp.tsunagu.research.release.ReleaseRule;
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
 * with complementary suppression; a daily budget; and no figure that differs from a figure this sponsor
 * was given recently by 1–10 people (a differencing attack). Every query, refused ones too, is logged
 * with its definition and exactly what was released, in the same transaction as the answer.
 */
@Service
public class Cohorts {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final CohortEngine engine;
    private final CohortIndexMaintenance maintenance;
    private final QueryLogStore log;
    private final jp.tsunagu.research.persistence.StudyStore saved;
    private final Sponsors sponsors;
    private final ResearchProperties properties;
    private final ReleaseLedger ledger;
    private final Clock clock;

    Cohorts(CohortEngine engine, CohortIndexMaintenance maintenance, QueryLogStore log,
            jp.tsunagu.research.persistence.StudyStore saved, Sponsors sponsors, ResearchProperties properties,
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

    public record Count(UUID query, Released count, int remainingToday) {
    }

    public record Breakdown(UUID query, Dimension dimension, Released total, Map<String, Released> cells,
            int remainingToday) {
    }

    @PreAuthorize(Authorities.IS_SPONSOR)
    @Transactional(noRollbackFor = QueryRefusedException.class)
    public Count countCohort(Criterion definition, Optional<StudyId> study) {
        Asked asked = ask(definition, "COUNT", study);
        RoaringBitmap cohort = engine.cohort(definition, Purpose.TRIAL_RECRUITMENT, asked.today());
        Released count = figure(cohort);
        Map<String, RoaringBitmap> sets = new LinkedHashMap<>();
        sets.put("total", cohort);
        Map<String, Released> released = Map.of("total", count);
        release(asked, cohort, sets, released, json(count, Map.of()));
        return new Count(asked.id(), count, remaining(asked));
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
        Released total = figure(cohort);
        Map<String, Released> shown = new LinkedHashMap<>();
        Map<String, RoaringBitmap> sets = new LinkedHashMap<>();
        Map<String, Released> released = new LinkedHashMap<>();
        sets.put("total", cohort);
        released.put("total", total);
        RoaringBitmap hidden = new RoaringBitmap();
        // A breakdown of 1–10 people is not given at all: its cells would only say where those few are.
        if (total.shown() && total.value().getAsLong() > 0) {
            for (int i = 0; i < keys.size(); i++) {
                String label = dimension.name() + ":" + keys.get(i);
                RoaringBitmap members = cells.get(keys.get(i));
                Released cell = table.cells().get(i).shown() ? figure(members) : table.cells().get(i);
                shown.put(keys.get(i), cell);
                sets.put(label, members);
                released.put(label, cell);
                if (!cell.shown()) {
                    hidden.or(members);
                }
            }
        } else if (total.shown()) {
            keys.forEach(k -> shown.put(k, Released.of(0)));
        }
        release(asked, cohort, sets, released, Optional.of(hidden), json(total, shown));
        return new Breakdown(asked.id(), dimension, total, shown, remaining(asked));
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

    /** The invitation rounds of one of the sponsor's studies, as released (when; newly invited, suppressed). */
    List<Studies.Round> invitationRounds(StudyId study) {
        return log.invitationRounds(study.value()).stream()
                .map(r -> new Studies.Round(r.at(), token(r.released()))).toList();
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

    record Asked(UUID id, Sponsors.Asking asking, Instant at, LocalDate today, String kind, Purpose purpose,
            Optional<StudyId> study, String definition) {
    }

    /** Checks the definition and the budget; a refused query is logged and nothing is counted. */
    Asked ask(Criterion definition, String kind, Optional<StudyId> study) {
        return ask(definition, kind, Purpose.TRIAL_RECRUITMENT, study, CriteriaJson.definition(definition));
    }

    Asked ask(Criterion definition, String kind, Purpose purpose, Optional<StudyId> study, String loggedDefinition) {
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
        return asked;
    }

    int remaining(Asked asked) {
        return Math.max(0, properties.dailyBudget() - log.countedAgainstBudget(asked.asking().organisation().id(),
                JapanTime.startOfDay(asked.today())));
    }

    /**
     * Releases the figures unless the release rule finds an earlier figure (any sponsor's, any kind, or a
     * public one) they could be subtracted from to leave 1–10 people; logs the answer either way and enters
     * what was shown in the ledger, all in this transaction. {@code hidden} is the group a breakdown kept
     * hidden (its hidden cells together), entered so that no later figure can cut it into a small part.
     */
    void release(Asked asked, RoaringBitmap counted, Map<String, RoaringBitmap> sets, Map<String, Released> released,
            String releasedJson) {
        release(asked, counted, sets, released, Optional.empty(), releasedJson);
    }

    void release(Asked asked, RoaringBitmap counted, Map<String, RoaringBitmap> sets, Map<String, Released> released,
            Optional<RoaringBitmap> hidden, String releasedJson) {
        Map<String, RoaringBitmap> exact = new LinkedHashMap<>();
        sets.forEach((label, members) -> {
            Released figure = released.get(label);
            if (figure != null && figure.shown()) {
                exact.put(label, members);
            }
        });
        Optional<RoaringBitmap> hiddenGroup = hidden.filter(h -> !h.isEmpty());
        List<ReleaseRule.Held> earlier = ledger.lockAndRead();
        Optional<ReleaseRule.Conflict> conflict = ReleaseRule.check(exact, hiddenGroup, earlier);
        if (conflict.isPresent()) {
            refuse(asked, conflict.get());
        }
        UUID sponsor = asked.asking().organisation().id().value();
        log.insert(new QueryLogStore.Entry(asked.id(), asked.asking().organisation().id(),
                asked.asking().actor().subject(), asked.asking().actor().displayName(), asked.at(), asked.kind(),
                asked.purpose().name(), asked.study().map(StudyId::value), asked.definition(), "RELEASED",
                releasedJson, Optional.of(counted)));
        exact.forEach((label, members) -> ledger.enterForSponsor(asked.at(), sponsor, asked.id(), label,
                LedgerEntry.Kind.EXACT, members));
        hiddenGroup.ifPresent(h -> ledger.enterForSponsor(asked.at(), sponsor, asked.id(), HIDDEN,
                LedgerEntry.Kind.HIDDEN, h));
    }

    /** The figure of these people as released (suppressed when 1–10, else with its adjustment). */
    Released figure(RoaringBitmap members) {
        return ledger.perturbation().release(members);
    }

    /** The label under which a breakdown's hidden cells, together, are kept. */
    static final String HIDDEN = "hidden";

    /**
     * Logs the refusal and says which figure stood in the way: the sponsor's own (its time, or "the same
     * question"), another sponsor's or a public one (only its day: other users' questions are theirs).
     */
    private void refuse(Asked asked, ReleaseRule.Conflict conflict) {
        refuse(asked, "REFUSED_DIFFERENCING");
        if (conflict.earlier().isEmpty()) {
            throw new QueryRefusedException("research.refused.within");
        }
        LedgerEntry entry = conflict.earlier().get();
        if (entry.audience() == LedgerEntry.Audience.PUBLIC) {
            throw new QueryRefusedException("research.refused.public", JapanTime.dateOf(entry.at()).toString());
        }
        if (!entry.recipient().equals(Optional.of(asked.asking().organisation().id().value()))) {
            throw new QueryRefusedException("research.refused.otherSponsor", JapanTime.dateOf(entry.at()).toString());
        }
        boolean same = entry.query().flatMap(ledger::definition).filter(asked.definition()::equals).isPresent();
        throw new QueryRefusedException(same ? "research.refused.sameQuery" : "research.refused.differencing",
                JapanTime.minute(entry.at()));
    }

    private void refuse(Asked asked, String outcome) {
        log.insert(new QueryLogStore.Entry(asked.id(), asked.asking().organisation().id(),
                asked.asking().actor().subject(), asked.asking().actor().displayName(), asked.at(), asked.kind(),
                asked.purpose().name(), asked.study().map(StudyId::value), asked.definition(), outcome, "{}",
                Optional.empty()));
    }

    static String json(Released total, Map<String, Released> cells) {
        ObjectNode node = JSON.createObjectNode();
        node.put("total", total.token());
        if (!cells.isEmpty()) {
            ObjectNode c = node.putObject("cells");
            cells.forEach((k, v) -> c.put(k, v.token()));
        }
        return JSON.writeValueAsString(node);
    }
}
