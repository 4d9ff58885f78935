package org.anaiss.platform.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.junit.jupiter.api.Test;

class ContractFilterTest {

    @Test
    void operationIdsAreDerivedFromMethodAndPath() {
        assertThat(ContractFilter.operationId("POST", "/api/cases/{caseId}/plan-steps")).isEqualTo("postCasesCaseIdPlanSteps");
        assertThat(ContractFilter.operationId("GET", "/api/outreach/answers/{token}")).isEqualTo("getOutreachAnswersToken");
    }

    @Test
    void errorResponsesGetTheProblemBodyAndOperationsAnId() {
        Operation named = OASFactory.createOperation().operationId("openCase").responses(OASFactory.createAPIResponses()
                .addAPIResponse("201", OASFactory.createAPIResponse().description("Opened"))
                .addAPIResponse("400", OASFactory.createAPIResponse().description("Bad input"))
                .addAPIResponse("503", OASFactory.createAPIResponse()));
        Operation anonymous = OASFactory.createOperation().responses(OASFactory.createAPIResponses()
                .addAPIResponse("200", OASFactory.createAPIResponse().description("ok")));
        OpenAPI doc = OASFactory.createOpenAPI().paths(OASFactory.createPaths()
                .addPathItem("/api/cases", OASFactory.createPathItem().POST(named).GET(anonymous)));

        new ContractFilter().filterOpenAPI(doc);

        assertThat(named.getOperationId()).isEqualTo("openCase");
        assertThat(anonymous.getOperationId()).isEqualTo("getCases");
        for (String code : new String[] { "400", "503" }) {
            var media = named.getResponses().getAPIResponse(code).getContent().getMediaType(ContractFilter.PROBLEM_MEDIA_TYPE);
            assertThat(media.getSchema().getRef()).isEqualTo("#/components/schemas/Problem");
        }
        assertThat(named.getResponses().getAPIResponse("503").getDescription()).isNotBlank();
        assertThat(named.getResponses().getAPIResponse("201").getContent()).isNull();
        assertThat(doc.getComponents().getSchemas()).containsKey("Problem");
    }
}
