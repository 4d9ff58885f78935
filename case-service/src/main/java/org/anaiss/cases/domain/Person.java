package org.anaiss.cases.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A person the social service accompanies. The NIR is only stored encrypted and as a keyed hash. */
@Entity
@Table(name = "person")
public class Person extends PanacheEntityBase {

    @Id
    public UUID id;
    @Enumerated(EnumType.STRING)
    public Region region;
    @Column(name = "last_name")
    public String lastName;
    @Column(name = "first_name")
    public String firstName;
    @Column(name = "last_name_norm")
    public String lastNameNorm;
    @Column(name = "first_name_norm")
    public String firstNameNorm;
    @Column(name = "birth_date")
    public LocalDate birthDate;
    @Enumerated(EnumType.STRING)
    public Sex sex;
    @Column(name = "nir_ct")
    public byte[] nirCiphertext;
    @Column(name = "nir_key")
    public String nirKeyId;
    @Column(name = "nir_hash")
    public byte[] nirHash;
    @Column(name = "address_line")
    public String addressLine;
    @Column(name = "postal_code")
    public String postalCode;
    public String city;
    public String phone;
    public String email;
    @Enumerated(EnumType.STRING)
    @Column(name = "preferred_channel")
    public ContactChannel preferredChannel;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Version
    public int version;

    @Override
    public String toString() {
        return "Person[" + id + "]";
    }
}
