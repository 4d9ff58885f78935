package org.anaiss.outreach.service;

/** Human names of the regional funds, for letters. */
final class Regions {

    private Regions() {
    }

    static String label(String region) {
        return switch (region) {
            case "ALSACE_MOSELLE" -> "Alsace-Moselle";
            case "AQUITAINE" -> "Aquitaine";
            case "AUVERGNE" -> "Auvergne";
            case "BOURGOGNE_FRANCHE_COMTE" -> "Bourgogne-Franche-Comté";
            case "BRETAGNE" -> "Bretagne";
            case "CENTRE_OUEST" -> "Centre-Ouest";
            case "CENTRE_VAL_DE_LOIRE" -> "Centre-Val de Loire";
            case "HAUTS_DE_FRANCE" -> "Hauts-de-France";
            case "ILE_DE_FRANCE" -> "Île-de-France";
            case "LANGUEDOC_ROUSSILLON" -> "Languedoc-Roussillon";
            case "MIDI_PYRENEES" -> "Midi-Pyrénées";
            case "NORD_EST" -> "Nord-Est";
            case "NORMANDIE" -> "Normandie";
            case "PAYS_DE_LA_LOIRE" -> "Pays de la Loire";
            case "RHONE_ALPES" -> "Rhône-Alpes";
            case "SUD_EST" -> "Sud-Est";
            default -> region;
        };
    }
}
