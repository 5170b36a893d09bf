package org.walle.deploy.ui;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.walle.deploy.ui.internal.release.PolicyForm;
import org.walle.deploy.ui.internal.release.ReleaseClient;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Page 2 of New Release: the targeting policy. Each keystroke re-checks the rule with the server's parser and, when
 * it is valid, asks the server how many registered devices match, debounced so typing sends one request per pause.
 */
final class ReleasePolicyPage extends WizardPage {
    /** Quiet time after the last keystroke before the preview request goes out. */
    static final long PREVIEW_DEBOUNCE_MS = 300;
    private final Supplier<ReleaseClient> client;
    private Button matchAll;
    private Text appVersion;
    private Text os;
    private Text osVersion;
    private Text model;
    private Text tier;
    private Text region;
    private Text userGroup;
    private Text percent;
    private Label preview;
    private JsonNode rule;
    /** Every edit bumps this; a preview answer for an older edit is dropped. */
    private final AtomicLong edits = new AtomicLong();
    private volatile int lastMatching = -1;
    private Job previewJob;

    ReleasePolicyPage(Supplier<ReleaseClient> client) {
        super("releasePolicy");
        this.client = client;
        setTitle(ReleaseMessages.Release_policyTitle);
        setDescription(ReleaseMessages.Release_policyDescription);
    }

    @Override
    public void createControl(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        c.setLayout(new GridLayout(2, false));
        matchAll = new Button(c, SWT.RADIO);
        matchAll.setText(ReleaseMessages.Release_matchAll);
        matchAll.setSelection(true);
        Button matchAny = new Button(c, SWT.RADIO);
        matchAny.setText(ReleaseMessages.Release_matchAny);
        matchAll.addListener(SWT.Selection, e -> changed());
        appVersion = field(c, ReleaseMessages.Release_appVersion);
        os = field(c, ReleaseMessages.Release_os);
        osVersion = field(c, ReleaseMessages.Release_osVersion);
        model = field(c, ReleaseMessages.Release_model);
        tier = field(c, ReleaseMessages.Release_tier);
        region = field(c, ReleaseMessages.Release_region);
        userGroup = field(c, ReleaseMessages.Release_userGroup);
        percent = field(c, ReleaseMessages.Release_percent);
        preview = new Label(c, SWT.NONE);
        preview.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        setControl(c);
        changed();
    }

    /** Devices may have registered since the page was built: count again whenever it is shown. */
    @Override
    public void setVisible(boolean visible) {
        super.setVisible(visible);
        if (visible) {
            changed();
        }
    }

    private Text field(Composite parent, String label) {
        new Label(parent, SWT.NONE).setText(label);
        Text t = new Text(parent, SWT.BORDER);
        t.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        t.addListener(SWT.Modify, e -> changed());
        return t;
    }

    private void changed() {
        long edit = edits.incrementAndGet();
        try {
            rule = new PolicyForm(matchAll.getSelection(), appVersion.getText(), os.getText(), osVersion.getText(),
                    model.getText(), tier.getText(), region.getText(), userGroup.getText(), percent.getText())
                    .toRule();
            setErrorMessage(null);
            setPageComplete(true);
            schedulePreview(edit, rule);
        } catch (IllegalArgumentException e) {
            rule = null;
            setErrorMessage(e.getMessage());
            setPageComplete(false);
            if (previewJob != null) {
                previewJob.cancel();
            }
            preview.setText("");
        }
    }

    private void schedulePreview(long edit, JsonNode forRule) {
        ReleaseClient c = client.get();
        if (c == null) {
            return;
        }
        if (previewJob != null) {
            previewJob.cancel();
        }
        preview.setText(ReleaseMessages.Release_previewPending);
        previewJob = Job.create(ReleaseMessages.Release_previewPending, monitor -> {
            String text;
            int matching = -1;
            try {
                JsonNode answer = c.previewDetail(forRule);
                matching = answer.path("matching").asInt();
                text = NLS.bind(ReleaseMessages.Release_preview, matching, answer.path("total").asInt());
            } catch (RuntimeException e) {
                text = NLS.bind(ReleaseMessages.Release_previewFailed, e.getMessage());
            }
            String shown = text;
            int count = matching;
            if (!preview.isDisposed()) {
                preview.getDisplay().asyncExec(() -> {
                    if (!preview.isDisposed() && edits.get() == edit) {
                        lastMatching = count;
                        preview.setText(shown);
                        preview.getParent().layout();
                    }
                });
            }
            return Status.OK_STATUS;
        });
        previewJob.setSystem(true);
        previewJob.schedule(PREVIEW_DEBOUNCE_MS);
    }

    /** The rule as typed (valid when the page is complete). */
    JsonNode rule() {
        return rule;
    }

    /** Matching devices of the latest preview answer for the current input, -1 before one arrived. */
    int lastMatching() {
        return lastMatching;
    }

    Label getPreviewLabel() {
        return preview;
    }

    Text getRegionText() {
        return region;
    }

    Text getPercentText() {
        return percent;
    }

    Text getAppVersionText() {
        return appVersion;
    }
}
