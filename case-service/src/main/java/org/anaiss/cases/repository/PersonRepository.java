package org.anaiss.cases.repository;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.cases.domain.Person;
import org.anaiss.cases.domain.Region;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class PersonRepository implements PanacheRepositoryBase<Person, UUID> {

    public Uni<Person> findInRegion(UUID id, Region region) {
        return find("id = ?1 and region = ?2", id, region).firstResult();
    }

    public Uni<Person> findByNirHash(Region region, byte[] nirHash) {
        return find("region = ?1 and nirHash = ?2", region, nirHash).firstResult();
    }

    public Uni<Person> findSameIdentity(Region region, String lastNameNorm, String firstNameNorm, LocalDate birthDate) {
        return find("region = ?1 and lastNameNorm = ?2 and firstNameNorm = ?3 and birthDate = ?4",
                region, lastNameNorm, firstNameNorm, birthDate).firstResult();
    }

    /** Every region (the DPO answers for all funds). */
    public Uni<List<Person>> withNirHash(byte[] nirHash) {
        return list("nirHash", nirHash);
    }

    /** Every region (the DPO answers for all funds): last name prefix and birth date. */
    public Uni<List<Person>> searchAllRegions(String lastNamePrefix, LocalDate birthDate) {
        return list("lastNameNorm like ?1 and birthDate = ?2 order by lastNameNorm", escapeLike(lastNamePrefix) + "%", birthDate);
    }

    /** Name search: last name prefix and birth date, first name prefix if given. */
    public Uni<List<Person>> search(Region region, String lastNamePrefix, String firstNamePrefix, LocalDate birthDate, int limit) {
        if (firstNamePrefix == null || firstNamePrefix.isEmpty()) {
            return find("region = ?1 and birthDate = ?2 and lastNameNorm like ?3 order by lastNameNorm, firstNameNorm",
                    region, birthDate, escapeLike(lastNamePrefix) + "%").page(0, limit).list();
        }
        return find("region = ?1 and birthDate = ?2 and lastNameNorm like ?3 and firstNameNorm like ?4 "
                + "order by lastNameNorm, firstNameNorm", region, birthDate, escapeLike(lastNamePrefix) + "%",
                escapeLike(firstNamePrefix) + "%").page(0, limit).list();
    }

    private static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
