package jp.tsunagu.insights.ui;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import jp.tsunagu.insights.PublicFigures;
import jp.tsunagu.shared.Prefecture;
import jp.tsunagu.shell.SafeHtml;

/**
 * A tile map of Japan's 47 prefectures (one square each, laid out roughly where they are), shaded by bed
 * occupancy; a protected prefecture is hatched, one without registered hospitals pale. Server-drawn SVG, with the
 * same figures in the table beside it.
 */
final class PrefectureMap {

    /** Column and row of each prefecture by its code, north-east to south-west. */
    private static final Map<Integer, int[]> TILES = Map.ofEntries(
            Map.entry(1, new int[] {12, 0}), Map.entry(2, new int[] {12, 1}), Map.entry(5, new int[] {11, 2}),
            Map.entry(3, new int[] {12, 2}), Map.entry(6, new int[] {11, 3}), Map.entry(4, new int[] {12, 3}),
            Map.entry(17, new int[] {8, 4}), Map.entry(16, new int[] {9, 4}), Map.entry(15, new int[] {10, 4}),
            Map.entry(7, new int[] {11, 4}), Map.entry(18, new int[] {7, 5}), Map.entry(21, new int[] {8, 5}),
            Map.entry(20, new int[] {9, 5}), Map.entry(10, new int[] {10, 5}), Map.entry(9, new int[] {11, 5}),
            Map.entry(8, new int[] {12, 5}), Map.entry(35, new int[] {2, 6}), Map.entry(32, new int[] {3, 6}),
            Map.entry(31, new int[] {4, 6}), Map.entry(28, new int[] {5, 6}), Map.entry(26, new int[] {6, 6}),
            Map.entry(25, new int[] {7, 6}), Map.entry(23, new int[] {8, 6}), Map.entry(19, new int[] {9, 6}),
            Map.entry(11, new int[] {10, 6}), Map.entry(13, new int[] {11, 6}), Map.entry(12, new int[] {12, 6}),
            Map.entry(41, new int[] {0, 7}), Map.entry(40, new int[] {1, 7}), Map.entry(34, new int[] {3, 7}),
            Map.entry(33, new int[] {4, 7}), Map.entry(27, new int[] {6, 7}), Map.entry(29, new int[] {7, 7}),
            Map.entry(24, new int[] {8, 7}), Map.entry(22, new int[] {9, 7}), Map.entry(14, new int[] {10, 7}),
            Map.entry(42, new int[] {0, 8}), Map.entry(43, new int[] {1, 8}), Map.entry(44, new int[] {2, 8}),
            Map.entry(38, new int[] {4, 8}), Map.entry(37, new int[] {5, 8}), Map.entry(30, new int[] {6, 8}),
            Map.entry(46, new int[] {1, 9}), Map.entry(45, new int[] {2, 9}), Map.entry(39, new int[] {4, 9}),
            Map.entry(36, new int[] {5, 9}), Map.entry(47, new int[] {0, 10}));

    /**
     * English tile labels where the first three letters would repeat (Fukui, Fukushima and Fukuoka all read
     * "Fuk"): consonants that tell them apart. The full name is in each tile's title and in the table.
     */
    private static final Map<String, String> ENGLISH_LABELS = Map.ofEntries(
            Map.entry("Fukui", "Fki"), Map.entry("Fukushima", "Fks"), Map.entry("Fukuoka", "Fko"),
            Map.entry("Yamagata", "Ygt"), Map.entry("Yamaguchi", "Ygc"), Map.entry("Yamanashi", "Yns"),
            Map.entry("Kagawa", "Kgw"), Map.entry("Kagoshima", "Kgs"), Map.entry("Miyagi", "Myg"),
            Map.entry("Miyazaki", "Myz"), Map.entry("Nagano", "Ngn"), Map.entry("Nagasaki", "Ngs"),
            Map.entry("Shiga", "Shg"), Map.entry("Shimane", "Smn"), Map.entry("Shizuoka", "Szk"),
            Map.entry("Tokushima", "Tks"), Map.entry("Tokyo", "Tky"));

    private static final int TILE = 44;

    /** The tile's label: the Japanese name without 都・府・県, or a short English one unique among the 47. */
    static String label(Prefecture p, boolean english) {
        if (!english) {
            // 東京都 → 東京, 大阪府 → 大阪, 青森県 → 青森; but 北海道 stays whole ("北海" is not a name anyone uses)
            return p.japaneseName().equals("北海道") ? "北海道" : p.japaneseName().replaceAll("[都府県]$", "");
        }
        return ENGLISH_LABELS.getOrDefault(p.englishName(), p.englishName().substring(0, 3));
    }

    private PrefectureMap() {
    }

    static String svg(List<PublicFigures.Beds> prefectures, boolean english, String title) {
        double max = prefectures.stream().filter(b -> b.occupancyPercent().isPresent())
                .mapToDouble(b -> b.occupancyPercent().getAsDouble()).max().orElse(1);
        var svg = new StringBuilder("<svg class=\"insights-map\" viewBox=\"0 0 ").append(13 * TILE).append(' ')
                .append(11 * TILE).append("\" role=\"img\" aria-label=\"").append(SafeHtml.text(title)).append("\">")
                .append("<defs><pattern id=\"hidden-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" ")
                .append("patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#eef1f4\"/>")
                .append("<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#9aa5b1\" stroke-width=\"2\"/></pattern></defs>");
        Map<Prefecture, PublicFigures.Beds> byPrefecture = new java.util.EnumMap<>(Prefecture.class);
        prefectures.forEach(b -> b.prefecture().ifPresent(p -> byPrefecture.put(p, b)));
        for (Prefecture p : Prefecture.values()) {
            PublicFigures.Beds beds = byPrefecture.getOrDefault(p, new PublicFigures.Beds(p.japaneseName(),
                    java.util.Optional.of(p), 0, 0, jp.tsunagu.research.Released.of(0), java.util.OptionalDouble.empty()));
            int[] at = TILES.get(p.code());
            String fill;
            if (beds.hospitals() == 0) {
                fill = "#f4f5f7";
            } else if (!beds.inpatients().shown()) {
                fill = "url(#hidden-hatch)";
            } else {
                double share = beds.occupancyPercent().orElse(0) / Math.max(max, 0.0001);
                fill = String.format(Locale.ROOT, "rgba(13, 110, 79, %.2f)", 0.12 + 0.88 * share);
            }
            svg.append("<g><title>").append(SafeHtml.text((english ? p.englishName() : p.japaneseName()) + " "
                            + Tiles.percent(beds.occupancyPercent())))
                    .append("</title><rect x=\"").append(at[0] * TILE + 1).append("\" y=\"").append(at[1] * TILE + 1)
                    .append("\" width=\"").append(TILE - 2).append("\" height=\"").append(TILE - 2)
                    .append("\" rx=\"4\" fill=\"").append(fill).append("\" stroke=\"#c8ced6\"/>")
                    .append("<text x=\"").append(at[0] * TILE + TILE / 2).append("\" y=\"").append(at[1] * TILE + TILE / 2 + 4)
                    .append("\" class=\"map-label\">").append(SafeHtml.text(label(p, english)))
                    .append("</text></g>");
        }
        return svg.append("</svg>").toString();
    }
}
