package jp.tsunagu.demo;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;

import jp.tsunagu.directory.Sex;

/**
 * One patient's physiology as lab values over time: a personal baseline per analyte, disease effects,
 * and treatment trends (HbA1c and LDL fall towards a target after treatment starts, eGFR declines in
 * chronic kidney disease, inflammation settles in a treated flare). Creatinine is derived from eGFR
 * with the Japanese Society of Nephrology equation, so the two always agree.
 */
final class LabState {

    private final SplittableRandom random;
    private final Sex sex;
    private final LocalDate birth;
    private final LocalDate treatmentStart;

    boolean diabetes;
    boolean dyslipidaemia;
    boolean ckd;
    boolean hyperuricaemia;
    boolean heartFailure;
    boolean warfarin;
    boolean spironolactone;
    boolean hepatitisC;
    boolean lupus;
    boolean inflammatoryBowel;
    boolean inflammation;
    boolean biliary;
    boolean interstitialLung;
    boolean myositis;
    boolean thrombocytopenia;
    boolean nephrotic;

    private final double hba1cStart;
    private final double hba1cTarget;
    private final double ldlStart;
    private final double ldlTarget;
    private final double ldlBase;
    private final double hdlBase;
    private final double tgBase;
    private final double egfrBase;
    private final double egfrDecline;
    private final double uaBase;
    private final double uaStart;
    private final double astBase;
    private final double altBase;
    private final double ggtBase;
    private final double hbBase;
    private final double wbcBase;
    private final double pltBase;
    private final double fattyLiver;
    private final double flare;

    LabState(SplittableRandom random, Sex sex, LocalDate birth, LocalDate treatmentStart) {
        this.random = random;
        this.sex = sex;
        this.birth = birth;
        this.treatmentStart = treatmentStart;
        boolean female = sex == Sex.FEMALE;
        hba1cStart = uniform(7.4, 9.6);
        hba1cTarget = uniform(6.4, 7.6);
        ldlStart = uniform(150, 200);
        ldlTarget = uniform(85, 125);
        ldlBase = Math.clamp(gaussian(118, 24), 62, 175);
        hdlBase = Math.clamp(female ? gaussian(66, 13) : gaussian(54, 11), 30, 110);
        tgBase = Math.exp(gaussian(Math.log(female ? 85 : 115), 0.4));
        egfrBase = uniform(28, 58);
        egfrDecline = uniform(1.0, 4.0);
        uaBase = female ? gaussian(4.5, 0.8) : gaussian(5.9, 1.0);
        uaStart = uniform(7.9, 9.5);
        astBase = gaussian(21, 4);
        altBase = female ? gaussian(15, 5) : gaussian(22, 8);
        ggtBase = Math.exp(gaussian(Math.log(female ? 18 : 32), 0.45));
        hbBase = female ? gaussian(12.9, 0.8) : gaussian(14.6, 0.9);
        wbcBase = Math.clamp(gaussian(6000, 1300), 3000, 9500);
        pltBase = Math.clamp(gaussian(25, 5), 14, 38);
        fattyLiver = random.nextDouble() < 0.35 ? uniform(8, 30) : 0;
        flare = uniform(0.6, 1.0);
    }

    /** The value of a test on a day; measurement noise included. */
    double value(Catalog.Lab lab, LocalDate date) {
        double age = ChronoUnit.DAYS.between(birth, date) / 365.25;
        double months = Math.max(0, ChronoUnit.DAYS.between(treatmentStart, date) / 30.4);
        double settle = Math.exp(-months / 4);
        boolean female = sex == Sex.FEMALE;
        if (lab == Catalog.HBA1C) {
            return diabetes ? hba1cTarget + (hba1cStart - hba1cTarget) * Math.exp(-months / 5) + gaussian(0, 0.2)
                    : Math.clamp(5.5 + (age - 50) * 0.006 + gaussian(0, 0.25), 4.6, 6.3);
        }
        if (lab == Catalog.GLUCOSE) {
            return Math.max(62, 28.7 * value(Catalog.HBA1C, date) - 46.7 + gaussian(0, 12));
        }
        if (lab == Catalog.LDL) {
            return (dyslipidaemia ? ldlTarget + (ldlStart - ldlTarget) * Math.exp(-months / 3) : ldlBase)
                    + gaussian(0, 8);
        }
        if (lab == Catalog.HDL) {
            return hdlBase + gaussian(0, 4);
        }
        if (lab == Catalog.TG) {
            return tgBase * (dyslipidaemia || diabetes ? 1.35 : 1) * Math.exp(gaussian(0, 0.18));
        }
        if (lab == Catalog.EGFR) {
            return egfr(age, months);
        }
        if (lab == Catalog.CRE) {
            return creatinine(egfr(age, months), date);
        }
        if (lab == Catalog.BUN) {
            return ckd ? 20 + (60 - egfr(age, months)) * 0.45 + gaussian(0, 3) : Math.max(6, gaussian(14, 3));
        }
        if (lab == Catalog.K) {
            return gaussian(4.2, 0.25) + (ckd ? 0.35 : 0) + (spironolactone ? 0.25 : 0);
        }
        if (lab == Catalog.NA) {
            return gaussian(141, 1.8) - (heartFailure ? 2 : 0);
        }
        if (lab == Catalog.UA) {
            return hyperuricaemia ? uniform(5.4, 6.4) + (uaStart - 6) * settle : uaBase + gaussian(0, 0.4);
        }
        if (lab == Catalog.AST) {
            return Math.max(8, astBase + fattyLiver * 0.4 + (hepatitisC ? 25 : 0)) * Math.exp(gaussian(0, 0.12));
        }
        if (lab == Catalog.ALT) {
            return Math.max(5, altBase + (diabetes ? fattyLiver : fattyLiver * 0.5) + (hepatitisC ? 35 : 0))
                    * Math.exp(gaussian(0, 0.14));
        }
        if (lab == Catalog.GGT) {
            return (ggtBase + (biliary ? 180 * settle + 40 : 0)) * Math.exp(gaussian(0, 0.15));
        }
        if (lab == Catalog.ALP) {
            return biliary ? 110 + 280 * settle + gaussian(0, 15) : Math.max(30, gaussian(72, 16));
        }
        if (lab == Catalog.LD) {
            return interstitialLung ? uniform(230, 320) : gaussian(180, 22);
        }
        if (lab == Catalog.CK) {
            double base = female ? gaussian(85, 22) : gaussian(120, 35);
            return Math.max(25, myositis ? 180 + 2200 * settle + gaussian(0, 40) : base);
        }
        if (lab == Catalog.ALB) {
            double base = gaussian(4.3, 0.22) - (age > 75 ? 0.3 : 0) - (nephrotic ? 1.4 * settle + 0.3 : 0);
            return inflammatoryBowel ? base - 0.9 * settle * flare : base;
        }
        if (lab == Catalog.CRP) {
            double base = Math.min(0.3, Math.exp(gaussian(Math.log(0.05), 0.8)));
            return inflammation || inflammatoryBowel ? base + 5 * settle * flare : base;
        }
        if (lab == Catalog.WBC) {
            return lupus ? 3000 + 1800 * (1 - settle) + gaussian(0, 250) : wbcBase + gaussian(0, 500);
        }
        if (lab == Catalog.HB) {
            double value = hbBase - (age > 75 ? 0.7 : 0) - (ckd && egfr(age, months) < 45 ? 1.2 : 0) + gaussian(0, 0.3);
            return inflammatoryBowel ? value - 2 * settle * flare : value;
        }
        if (lab == Catalog.PLT) {
            return thrombocytopenia ? 4 + 10 * (1 - settle) + gaussian(0, 1) : pltBase + gaussian(0, 1.5);
        }
        if (lab == Catalog.BNP) {
            return heartFailure ? 90 + 500 * settle * flare + gaussian(0, 20) : Math.exp(gaussian(Math.log(15), 0.5));
        }
        if (lab == Catalog.PT_INR) {
            return warfarin ? Math.clamp(gaussian(2.2, 0.3), 1.4, 3.2) : gaussian(1.0, 0.05);
        }
        if (lab == Catalog.C3) {
            return 50 + 40 * (1 - settle) + gaussian(0, 5);
        }
        if (lab == Catalog.C4) {
            return 6 + 10 * (1 - settle) + gaussian(0, 1.5);
        }
        if (lab == Catalog.DS_DNA) {
            return Math.max(2, 15 + 180 * settle * flare + gaussian(0, 5));
        }
        if (lab == Catalog.KL6) {
            return uniform(800, 900) + months * 12 + gaussian(0, 40);
        }
        throw new IllegalArgumentException("no model for " + lab.name());
    }

    /** The creatinine that gives this eGFR: JSN's eGFR = 194 x Cr^-1.094 x age^-0.287 (x 0.739 for women). */
    double creatinine(double egfr, LocalDate date) {
        double age = Math.max(18, ChronoUnit.DAYS.between(birth, date) / 365.25);
        double factor = 194 * Math.pow(age, -0.287) * (sex == Sex.FEMALE ? 0.739 : 1);
        return Math.pow(egfr / factor, -1 / 1.094);
    }

    /** 尿蛋白 as a dipstick reads it. */
    String urineProtein(LocalDate date) {
        double months = Math.max(0, ChronoUnit.DAYS.between(treatmentStart, date) / 30.4);
        if (nephrotic) {
            return months < 2 ? "(3+)" : months < 6 ? "(+)" : "(-)";
        }
        if (ckd || lupus) {
            return random.nextDouble() < 0.5 ? "(+)" : "(±)";
        }
        return random.nextDouble() < 0.93 ? "(-)" : "(±)";
    }

    private double egfr(double age, double months) {
        if (ckd) {
            return Math.max(8, egfrBase - egfrDecline * months / 12 + gaussian(0, 2.5));
        }
        return Math.clamp(105 - 0.75 * (age - 20) + gaussian(0, 6), 58, 125);
    }

    private double gaussian(double mean, double sd) {
        return mean + sd * random.nextGaussian();
    }

    private double uniform(double low, double high) {
        return low + (high - low) * random.nextDouble();
    }
}
