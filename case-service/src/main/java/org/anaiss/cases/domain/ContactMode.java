package org.anaiss.cases.domain;

public enum ContactMode {
    OFFICE, PHONE, HOME_VISIT, VIDEO, LETTER
}
