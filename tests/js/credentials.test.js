// "Your credentials" on Progress (assets/js/mm-views.js credentialRows, linkedinUrl).
import { describe, expect, test } from "bun:test";

const views = require("../../assets/js/mm-views.js");
const { NOW, device } = require("./fixtures.js");

const CREDENTIAL = {
  id: "0b6c7f7e-1111-4a4a-9a9a-123456789abc",
  name: "Charts & graphs: level 2",
  skill: "Charts",
  issued_at: "2026-03-05T09:00:00Z",
  revoked: false,
  revoked_reason: null,
  verify_url: "https://mm.example.org/badges/0b6c7f7e-1111-4a4a-9a9a-123456789abc",
  image_url: "https://mm.example.org/badges/achievements/a.png",
  issuer_name: "Micromastery & Co",
};

describe("credentials", () => {
  test("the LinkedIn link carries every value URL-encoded", () => {
    const url = new URL(views.linkedinUrl(CREDENTIAL));
    expect(url.origin + url.pathname).toBe("https://www.linkedin.com/profile/add");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      startTask: "CERTIFICATION_NAME",
      name: "Charts & graphs: level 2",
      organizationName: "Micromastery & Co",
      issueYear: "2026",
      issueMonth: "3",
      certUrl: CREDENTIAL.verify_url,
      certId: CREDENTIAL.id,
    });
    expect(views.linkedinUrl(CREDENTIAL)).toContain("name=Charts%20%26%20graphs%3A%20level%202&");
  });

  test("rows: downloads next to the page, revocation in words", () => {
    const [row, revoked] = views.credentialRows([
      CREDENTIAL,
      { ...CREDENTIAL, revoked: true, revoked_reason: "issued by mistake" },
    ]);
    expect(row).toMatchObject({
      issued: "2026-03-05",
      status: "",
      png_url: `${CREDENTIAL.verify_url}.png`,
      json_url: `${CREDENTIAL.verify_url}.json`,
    });
    expect(revoked.status).toBe("Revoked: issued by mistake");
    expect(views.credentialRows(undefined)).toEqual([]);
  });

  test("Progress lists the pull's credentials", () => {
    const d = device();
    d.progress = { ...d.progress, credentials: [CREDENTIAL] };
    expect(views.progressView(d, NOW).credentials.map((c) => c.name)).toEqual([CREDENTIAL.name]);
    expect(views.progressView(device(), NOW).credentials).toEqual([]);
  });
});
