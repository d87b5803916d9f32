package archsamples.good.research;

/** Keeps the rule: research's SQL names research's tables only. */
public class OwnTablesStore {

    public String released() {
        return "select count(*) from research_query where outcome = 'RELEASED'";
    }
}
