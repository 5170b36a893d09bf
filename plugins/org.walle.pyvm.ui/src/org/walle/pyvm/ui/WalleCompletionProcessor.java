package org.walle.pyvm.ui;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.ITextViewer;
import org.eclipse.jface.text.contentassist.CompletionProposal;
import org.eclipse.jface.text.contentassist.ICompletionProposal;
import org.eclipse.jface.text.contentassist.IContentAssistProcessor;
import org.eclipse.jface.text.contentassist.IContextInformation;
import org.eclipse.jface.text.contentassist.IContextInformationValidator;
import org.walle.pyvm.ui.internal.WalleApi;

/** Proposes the walle API's submodules and functions for the dotted name before the cursor. */
public final class WalleCompletionProcessor implements IContentAssistProcessor {

    @Override
    public ICompletionProposal[] computeCompletionProposals(ITextViewer viewer, int offset) {
        String prefix = dottedPrefix(viewer.getDocument(), offset);
        List<ICompletionProposal> out = new ArrayList<>();
        for (String name : WalleApi.complete(prefix)) {
            int start = offset - prefix.length();
            out.add(new CompletionProposal(name, start, prefix.length(), name.length(), null, name, null,
                    null));
        }
        return out.toArray(ICompletionProposal[]::new);
    }

    /** The identifier-and-dots text ending at {@code offset}, e.g. {@code walle.np.ar}. */
    static String dottedPrefix(IDocument doc, int offset) {
        int start = offset;
        try {
            while (start > 0) {
                char c = doc.getChar(start - 1);
                if (!Character.isLetterOrDigit(c) && c != '_' && c != '.') {
                    break;
                }
                start--;
            }
            return doc.get(start, offset - start);
        } catch (BadLocationException e) {
            return "";
        }
    }

    @Override
    public IContextInformation[] computeContextInformation(ITextViewer viewer, int offset) {
        return null;
    }

    @Override
    public char[] getCompletionProposalAutoActivationCharacters() {
        return new char[] { '.' };
    }

    @Override
    public char[] getContextInformationAutoActivationCharacters() {
        return null;
    }

    @Override
    public String getErrorMessage() {
        return null;
    }

    @Override
    public IContextInformationValidator getContextInformationValidator() {
        return null;
    }
}
