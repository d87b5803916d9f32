package jp.tsunagu.demo;

import java.time.LocalDate;
import java.util.List;

import java.util.Optional;

import jp.tsunagu.directory.Identifier;
import jp.tsunagu.directory.OrganisationDetails;
import jp.tsunagu.directory.OrganisationKind;
import jp.tsunagu.shared.Prefecture;

/**
 * A synthetic population of Japan for the demo mode and the load benchmark: hospitals and clinics
 * in all 47 prefectures and as many patients as asked for, each with two years of record (3文書6情報),
 * plus the two scripted people behind the demo patient accounts.
 *
 * <p>Deterministic: the same seed and the same "today" give the same organisations and the same
 * patient {@code n}, whatever else was generated before, so patients can be produced in chunks, on
 * any thread and in any order. Dates are relative to "today", so the demo always looks current.
 */
public final class SyntheticPopulation {

    /** The naming system of every synthetic identifier: patients ("P0000123") and items ("P0000123-dx-2"). */
    public static final String SYSTEM = "https://tsunagu.jp/fhir/synthetic";

    /** 医療機関コード of 東京中央病院, the demo clinician dr.tanaka's hospital. */
    public static final String TOKYO_CHUO_HOSPITAL = Facilities.TOKYO_CHUO;
    /** 医療機関コード of 大阪北総合病院, the demo clinician dr.yamamoto's hospital. */
    public static final String OSAKA_HOKUSO_HOSPITAL = Facilities.OSAKA_HOKUSO;

    /** Identifier value of 佐藤 花子, the person behind the demo account patient.sato. */
    public static final String SATO = DemoPatients.SATO_KEY;
    /** Identifier value of 鈴木 一郎, the person behind the demo account patient.suzuki. */
    public static final String SUZUKI = DemoPatients.SUZUKI_KEY;

    private final long seed;
    private final LocalDate today;
    private final FacilityMap world;

    public SyntheticPopulation(long seed, LocalDate today) {
        this.seed = seed;
        this.today = today;
        this.world = new FacilityMap(Facilities.generate(seed));
    }

    public long seed() {
        return seed;
    }

    public LocalDate today() {
        return today;
    }

    /** The portal code of あおば製薬, the trial sponsor the demo account sponsor.kobayashi works for. */
    public static final String AOBA_PHARMA = "S-0001";

    /** Every hospital and clinic, the demo clinicians' two hospitals included, and the demo trial sponsor. */
    public List<OrganisationDetails> organisations() {
        var all = new java.util.ArrayList<>(world.all().stream().map(Facilities.Facility::details).toList());
        all.add(new OrganisationDetails(OrganisationKind.SPONSOR, "あおば製薬株式会社", Optional.of(Prefecture.TOKYO),
                Optional.empty(), Identifier.portalOrganisation(AOBA_PHARMA), Optional.of("03-0000-0001"),
                Optional.of("東京都中央区日本橋本町0-0-0")));
        return List.copyOf(all);
    }

    /** Patient number {@code n} (from 1). */
    public SyntheticPatient patient(int number) {
        if (number < 1) {
            throw new IllegalArgumentException("patients are numbered from 1");
        }
        return new PatientGenerator(world, seed, number, today).generate();
    }

    /** 佐藤 花子 and 鈴木 一郎, in that order. */
    public List<SyntheticPatient> demoPatients() {
        return List.of(DemoPatients.sato(world, seed, today), DemoPatients.suzuki(world, seed, today));
    }

    /** The identifier value of patient {@code n}: "P0000123". */
    public static String key(int number) {
        return String.format("P%07d", number);
    }
}
