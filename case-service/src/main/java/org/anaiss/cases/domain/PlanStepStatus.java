package org.anaiss.cases.domain;

/** A step of the support plan, as the worker's own to-do list: done or not, never graded. */
public enum PlanStepStatus {
    PLANNED, DONE, CANCELLED
}
