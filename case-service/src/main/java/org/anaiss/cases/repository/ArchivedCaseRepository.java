package org.anaiss.cases.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.cases.domain.ArchivedCase;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

@ApplicationScoped
public class ArchivedCaseRepository implements PanacheRepositoryBase<ArchivedCase, UUID> {
}
