package org.anaiss.outreach.domain;

/** The regional funds (CARSAT, and CRAMIF for Ile-de-France); a user's {@code region} claim is one of these. */
public enum Region {
    ALSACE_MOSELLE, AQUITAINE, AUVERGNE, BOURGOGNE_FRANCHE_COMTE, BRETAGNE, CENTRE_OUEST,
    CENTRE_VAL_DE_LOIRE, HAUTS_DE_FRANCE, ILE_DE_FRANCE, LANGUEDOC_ROUSSILLON, MIDI_PYRENEES,
    NORD_EST, NORMANDIE, PAYS_DE_LA_LOIRE, RHONE_ALPES, SUD_EST
}
