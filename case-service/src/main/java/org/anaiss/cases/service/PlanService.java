package org.anaiss.cases.service;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.cases.domain.PlanStep;
import org.anaiss.cases.domain.PlanStepStatus;
import org.anaiss.cases.repository.PlanStepRepository;
import org.anaiss.platform.crypto.FieldCipher;
import org.anaiss.platform.problem.ProblemException;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** The support plan: steps agreed with the person, the worker's to-do list. Nothing grades it. */
@ApplicationScoped
public class PlanService {

    static final String RECORD = "PLAN_STEP";
    private final CaseService cases;
    private final FieldCipher cipher;
    private final AuditTrail audit;
    private final Clock clock;
    private final PlanStepRepository steps;

    public PlanService(CaseService cases, FieldCipher cipher, AuditTrail audit, Clock clock, PlanStepRepository steps) {
        this.steps = steps;
        this.cases = cases;
        this.cipher = cipher;
        this.audit = audit;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<PlanStepDetails> add(Caller caller, UUID caseId, String text, LocalDate dueDate, PlanStepStatus status) {
        return cases.load(caller, caseId).chain(c -> {
            Instant now = clock.instant();
            PlanStep step = new PlanStep();
            step.id = UUID.randomUUID();
            step.caseId = c.id;
            seal(step, text);
            step.dueDate = dueDate;
            step.status = status == null ? PlanStepStatus.PLANNED : status;
            step.createdAt = now;
            step.updatedAt = now;
            c.updatedAt = now;
            return steps.persist(step)
                    .call(() -> audit.record(caller, AuditAction.CREATE, RECORD, step.id, c.id, c.person.id))
                    .map(v -> details(step));
        });
    }

    /** {@code status} null keeps the step's status; {@code version} is the version read, required. */
    @WithTransaction
    public Uni<PlanStepDetails> update(Caller caller, UUID caseId, UUID stepId, String text, LocalDate dueDate,
            PlanStepStatus status, Integer version) {
        if (version == null) {
            return Uni.createFrom().failure(ProblemException.badRequest("version-required", "Version required",
                    "Send the version you read, so a concurrent change is not overwritten."));
        }
        return cases.load(caller, caseId).chain(c -> steps.findInCase(stepId, c.id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Plan step " + stepId))
                .chain(step -> {
                    if (step.version != version) {
                        return Uni.createFrom().failure(ProblemException.conflict("concurrent-change", "Changed meanwhile",
                                "The step was changed by someone else meanwhile; reload it and try again."));
                    }
                    Instant now = clock.instant();
                    seal(step, text);
                    step.dueDate = dueDate;
                    if (status != null) {
                        step.status = status;
                    }
                    step.updatedAt = now;
                    c.updatedAt = now;
                    return audit.record(caller, AuditAction.UPDATE, RECORD, step.id, c.id, c.person.id)
                            .call(() -> steps.flush())
                            .map(v -> details(step));
                }));
    }

    @WithTransaction
    public Uni<List<PlanStepDetails>> list(Caller caller, UUID caseId) {
        return cases.load(caller, caseId).chain(c -> steps.listForCase(c.id)
                .call(list -> audit.record(caller, list.stream()
                        .map(s -> new AuditEntry(AuditAction.READ, RECORD, s.id, c.id, c.person.id)).toList()))
                .map(list -> list.stream().map(this::details).toList()));
    }

    private void seal(PlanStep step, String text) {
        FieldCipher.Sealed sealed = cipher.seal(text, place(step.id));
        step.textCiphertext = sealed.ciphertext();
        step.textKeyId = sealed.keyId();
    }

    static String place(UUID stepId) {
        return "plan_step.text:" + stepId;
    }

    /** The step as read, its text decrypted. */
    public PlanStepDetails details(PlanStep s) {
        return new PlanStepDetails(s.id, s.caseId, cipher.openString(s.textKeyId, s.textCiphertext, place(s.id)), s.dueDate,
                s.status, s.createdAt, s.updatedAt, s.version);
    }
}
