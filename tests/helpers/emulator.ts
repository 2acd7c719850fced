import { randomBytes } from "node:crypto";
import { DEFAULT_DATA_PATH, loadEmulatorData, startEmulator, type EmulatorData, type EmulatorOptions, type RunningEmulator } from "../../emulator";
import type { NcloudInvokeOptions } from "../../sdk";

/** A secret key unique to this run: tests assert it never shows up anywhere a user could see it. */
export const CANARY_SECRET = `canary-secret-${randomBytes(12).toString("hex")}`;
export const ACCESS_KEY = "ncm-test-access-key";

export const ORG_GROUP = 320;
export const COMPANY = "48128f23-e29b-496e-aa04-1f741fed86bc";

/** The seed page's two accounts, and one with fields the API added later. */
export function organizationAccounts(): Record<string, unknown>[] {
    return [
        {
            memberNo: 5001533,
            organizationNo: 167,
            organizationGroupNo: 320,
            masterMemberNo: 5001534,
            masterMemberYn: "N",
            loginId: "o***m01@na***rp.com",
            memberName: "MemberAccount01",
            memberStatusCode: "INVT",
            memberStatusName: "Inviting",
        },
        {
            memberNo: 5001534,
            organizationNo: 167,
            organizationGroupNo: 320,
            masterMemberNo: 5001534,
            masterMemberYn: "N",
            loginId: "o***m02@na***rp.com",
            memberName: "MemberAccount02",
            memberStatusCode: "JOIN",
            memberStatusName: "Sign-up complete",
        },
        {
            memberNo: 5001535,
            organizationNo: 167,
            organizationGroupNo: 320,
            masterMemberNo: 5001534,
            masterMemberYn: "N",
            loginId: "o***m03@na***rp.com",
            memberName: "멤버03",
            memberStatusCode: "JOIN",
            memberStatusName: "Sign-up complete",
            memberAlias: "ops",
            futureField: { nested: [1, 2] },
        },
    ];
}

/** `count` MCC users with distinct keys; every third lacks the optional fields. */
export function mccUsers(count: number, prefix = "user"): Record<string, unknown>[] {
    return Array.from({ length: count }, (_, i) => {
        const key = `${prefix}${String(i).padStart(6, "0")}`;
        if (i % 3 === 2) return { externalKey: key };
        return {
            externalKey: key,
            name: `Member ${i}`,
            i18nNames: { ko_KR: i % 2 ? `김${i}` : `이${i}`, en_US: `Member ${i}` },
            deptExternalKey: `dept0${i % 4}`,
            emailAddr: `${key}@example.com`,
            cphNo: "KR+82 01012345678",
        };
    });
}

export function testData(overrides: Partial<EmulatorData> = {}): EmulatorData {
    return {
        credentials: [{ accessKey: ACCESS_KEY, secretKey: CANARY_SECRET }],
        organizationGroups: { [ORG_GROUP]: organizationAccounts(), "322": [] },
        mccCompanies: { [COMPANY]: mccUsers(7), "00000000-0000-4000-8000-000000000000": [] },
        ...overrides,
    };
}

/** The data set the package ships (what the examples and `npm run demo` read), accepting the test key pair. */
export function shippedDataWithTestKeys(): EmulatorData {
    return { ...loadEmulatorData(DEFAULT_DATA_PATH), credentials: [{ accessKey: ACCESS_KEY, secretKey: CANARY_SECRET }] };
}

const perTest = new Set<RunningEmulator>();

/**
 * Starts an emulator on a free loopback port for the current test only (the test data unless `options.data`
 * says otherwise); tests/setup.ts closes it after the test, whatever its outcome.
 */
export async function testEmulator(options: Partial<EmulatorOptions> = {}): Promise<RunningEmulator> {
    const emulator = await startEmulator({ data: testData(), ...options });
    perTest.add(emulator);
    return emulator;
}

/** Closes the emulators started by {@link testEmulator}. */
export async function closeTestEmulators(): Promise<void> {
    await Promise.all([...perTest].map((e) => e.close()));
    perTest.clear();
}

/** The options that point a call at `emulator` with the test key pair. */
export function emulatorOptions(emulator: RunningEmulator, extra: NcloudInvokeOptions = {}): NcloudInvokeOptions {
    return { accessKey: ACCESS_KEY, secretKey: CANARY_SECRET, organizationEndpoint: emulator.url, mccEndpoint: emulator.url, ...extra };
}

/** Starts an emulator on a free loopback port for the duration of the enclosing `describe`. */
export function useEmulator(options: Partial<EmulatorOptions> = {}): { readonly emulator: RunningEmulator; readonly opts: NcloudInvokeOptions } {
    const state: { emulator?: RunningEmulator } = {};
    before(async () => {
        state.emulator = await startEmulator({ data: testData(), ...options });
    });
    beforeEach(() => {
        state.emulator!.requests.length = 0;
        state.emulator!.setFaults([]);
    });
    after(async () => {
        await state.emulator?.close();
    });
    return {
        get emulator() {
            return state.emulator!;
        },
        get opts(): NcloudInvokeOptions {
            // Every call fetches: these tests count the requests that reach the server.
            return emulatorOptions(state.emulator!, { share: false });
        },
    };
}
