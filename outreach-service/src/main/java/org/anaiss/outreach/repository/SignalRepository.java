package org.anaiss.outreach.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.outreach.domain.Signal;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

/** Signals of people in difficulty sent by partner systems (table signal). */
@ApplicationScoped
public class SignalRepository implements PanacheRepositoryBase<Signal, UUID> {
}
