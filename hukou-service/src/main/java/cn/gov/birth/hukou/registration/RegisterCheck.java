package cn.gov.birth.hukou.registration;

import cn.gov.birth.contracts.events.ApplicationForm.Person;
import cn.gov.birth.contracts.events.ApplicationSubmitted;
import cn.gov.birth.hukou.reference.PopulationRegister;
import cn.gov.birth.hukou.reference.PopulationRegister.Resident;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * The form against the population register: the parent the newborn settles with must be the
 * registered person, in the county and household the form names, and the newborn takes a
 * parent's registered ethnicity. Identity comes first, then whether that registration still
 * stands (a cancelled one is final, so no correction is asked for), then the household.
 */
@Component
class RegisterCheck {

    /** The settling parent's register entry, or why the form does not match the register. */
    record Finding(Resident settling, String reasonCode, String message) {

        boolean matches() {
            return reasonCode == null;
        }

        /** Final: nothing the applicant corrects makes the registration possible. */
        boolean rejects() {
            return "PARENT_REGISTRATION_CANCELLED".equals(reasonCode);
        }
    }

    private final PopulationRegister register;

    RegisterCheck(PopulationRegister register) {
        this.register = register;
    }

    Finding check(ApplicationSubmitted application) {
        boolean withMother = "MOTHER".equals(application.household().settleWith());
        String parent = withMother ? "母亲" : "父亲";
        Person form = withMother ? application.mother() : application.father();
        Person other = withMother ? application.father() : application.mother();
        Optional<Resident> found = Optional.ofNullable(form).flatMap(p -> register.find(p.idNumber()));
        if (found.isEmpty()) {
            return returned("PARENT_NOT_IN_REGISTER",
                    "落户方" + parent + "的身份证号码在户籍登记中查无此人，请核对落户方及其身份证号码后补正");
        }
        Resident settling = found.get();
        if (!settling.name().equals(form.name())) {
            return returned("PARENT_NAME_MISMATCH", "落户方" + parent + "的姓名与户籍登记不一致，请核对后补正");
        }
        if (settling.cancelled()) {
            return new Finding(null, "PARENT_REGISTRATION_CANCELLED", "落户方" + parent
                    + "的户口已注销，新生儿不能随其申报出生登记，请到户籍所在地派出所单项办理");
        }
        if (!settling.householdDivision().equals(form.householdDivision())) {
            return returned("HOUSEHOLD_NOT_IN_COUNTY",
                    "落户方" + parent + "的户籍不在所填户籍所在地（" + form.householdDivision() + "），请核对后补正");
        }
        String headId = application.household().headIdNumber();
        boolean headOfThatHousehold = register.headIs(settling, headId)
                && register.find(headId).filter(head -> head.householdNumber().equals(settling.householdNumber()))
                .isPresent();
        if (!headOfThatHousehold) {
            return returned("HOUSEHOLD_HEAD_MISMATCH",
                    "所填户主不是落户方" + parent + "户籍登记的户主，请核对户主姓名和身份证号码后补正");
        }
        String ethnicity = application.newborn().ethnicity();
        Optional<Resident> otherParent = Optional.ofNullable(other).flatMap(p -> register.find(p.idNumber()));
        if (Stream.concat(Stream.of(settling), otherParent.stream()).noneMatch(p -> p.ethnicity().equals(ethnicity))) {
            return returned("NEWBORN_ETHNICITY_NOT_OF_PARENTS",
                    "新生儿民族应随父亲或母亲登记的民族，所填民族与户籍登记不符，请核对后补正");
        }
        return new Finding(settling, null, null);
    }

    private static Finding returned(String reasonCode, String message) {
        return new Finding(null, reasonCode, message);
    }
}
