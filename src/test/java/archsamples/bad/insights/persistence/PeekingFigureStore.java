package archsamples.bad.insights.persistence;

/**
 * Broken on purpose: public figures counted with SQL of their own over the record's table, which forgets
 * part of what may be counted (here: sensitive labels), instead of asking the record's countable facts.
 */
public class PeekingFigureStore {

    static final String ALLERGY_PATIENTS = """
            select count(distinct i.patient_id) from record_item i
            where i.kind = 'ALLERGY' and not i.undisclosed""";

    public String allergyPatients() {
        return ALLERGY_PATIENTS;
    }
}
