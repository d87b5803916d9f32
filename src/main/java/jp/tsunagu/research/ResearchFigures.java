package jp.tsunagu.research;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jp.tsunagu.identity.Authorities;
import jp.tsunagu.research.release.persistence.QueryLogStore;
import jp.tsunagu.research.studies.Study;
import jp.tsunagu.research.studies.persistence.StudyStore;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What research tells the public: how many feasibility questions were answered and invitations accepted,
 * and the register of every approved study and post-market analysis with what was released. Read by the
 * portal's own figure refresh only, never per page view.
 */
@Service
public class ResearchFigures {

    private final QueryLogStore log;
    private final StudyStore studies;

    ResearchFigures(QueryLogStore log, StudyStore studies) {
        this.log = log;
        this.studies = studies;
    }

    public record Activity(long queriesAnswered, long invitationsSent, long invitationsAccepted) {
    }

    /**
     * One approved use of data. {@code released} is what its users were given, in the log's words
     * (figures suppressed as they were released); {@code categories} are the record categories it read.
     */
    public record Use(String kind, String sponsor, String title, String purpose, List<String> categories,
            String basis, Instant from, Optional<Instant> lastUsed, List<String> released,
            Optional<Instant> contactsHandedOver) {
    }

    @PreAuthorize(Authorities.IS_SYSTEM)
    @Transactional(readOnly = true)
    public Activity activity() {
        QueryLogStore.Activity logged = log.activity();
        return new Activity(logged.queriesAnswered(), logged.invitationsSent(), logged.invitationsAccepted());
    }

    @PreAuthorize(Authorities.IS_SYSTEM)
    @Transactional(readOnly = true)
    public List<Use> register() {
        List<Use> uses = new ArrayList<>();
        for (StudyStore.StudyRow study : studies.studiesIn(Study.Status.APPROVED.name())) {
            Criterion criteria = CriteriaJson.read(study.criteria());
            List<QueryLogStore.Round> rounds = log.invitationRounds(study.id());
            uses.add(new Use("STUDY", study.sponsorName(), study.title(), "TRIAL_RECRUITMENT",
                    criteria.categories().stream().map(Enum::name).sorted().toList(), "OPT_IN",
                    study.reviewedAt().orElse(study.submittedAt()),
                    rounds.isEmpty() ? Optional.empty() : Optional.of(rounds.getLast().at()),
                    rounds.stream().map(QueryLogStore.Round::released).toList(), studies.lastHandover(study.id())));
        }
        for (QueryLogStore.Analysis analysis : log.safetyAnalyses()) {
            uses.add(new Use("POST_MARKET", analysis.sponsorName(), analysis.definition(), "POST_MARKET",
                    List.of("LAB", "PRESCRIPTION"), "OPT_OUT", analysis.at(), Optional.of(analysis.at()),
                    List.of(analysis.released()), Optional.empty()));
        }
        return uses;
    }
}
