/**
 * The course's one-click check in JupyterLab.
 *
 * A "Check" button in every notebook's toolbar (and "Check Notebook" in the command palette and the notebook's
 * context menu) saves the notebook, asks the server extension `course.plugins.lab_check` to run
 * `course check` on it (every test, hidden ones too), shows that the check is running, and opens the feedback
 * page it wrote in a Lab tab beside the notebook. When the check cannot run, a dialog gives the one-line reason.
 */

import { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { ICommandPalette, Notification, showErrorMessage } from '@jupyterlab/apputils';
import { URLExt } from '@jupyterlab/coreutils';
import { IDocumentManager } from '@jupyterlab/docmanager';
import { DocumentRegistry } from '@jupyterlab/docregistry';
import { INotebookModel, INotebookTracker, NotebookPanel } from '@jupyterlab/notebook';
import { ServerConnection } from '@jupyterlab/services';
import { checkIcon } from '@jupyterlab/ui-components';
import { IDisposable } from '@lumino/disposable';
import { ISignal, Signal } from '@lumino/signaling';
import { Widget } from '@lumino/widgets';

const COMMAND = 'course:check-notebook';
const ROUTE = 'course/check';
const FEEDBACK_VIEWER = 'HTML Viewer';

/** The server's reply: how `course check` went (course/plugins/lab_check.py, CheckOutcome). */
export interface ICheckOutcome {
  notebook: string;
  status: number;
  passed: boolean;
  score: number;
  max_score: number;
  summary: string[];
  feedback: string | null;
  seconds: number;
  failed: string[];
}

/** POST the notebook's path to the server extension; a rejected promise carries the one-line reason. */
async function requestCheck(path: string): Promise<ICheckOutcome> {
  const settings = ServerConnection.makeSettings();
  const url = URLExt.join(settings.baseUrl, ROUTE);
  let response: Response;
  try {
    response = await ServerConnection.makeRequest(
      url,
      { method: 'POST', body: JSON.stringify({ path }) },
      settings
    );
  } catch (error) {
    throw new Error(`the Jupyter server did not answer (${error})`);
  }
  let data: any = null;
  try {
    data = await response.json();
  } catch {
    // an answer that is not JSON: the status says enough
  }
  if (!response.ok) {
    const message = data && typeof data.message === 'string' ? data.message : '';
    throw new Error(
      message ||
        (response.status === 404
          ? 'the course check is not enabled on this Jupyter server (course.plugins.lab_check)'
          : `the Jupyter server answered ${response.status} ${response.statusText}`)
    );
  }
  return data as ICheckOutcome;
}

function fileName(path: string): string {
  return path.split('/').pop() || path;
}

/** One line for the notification: the score, and which tests failed. */
function headline(outcome: ICheckOutcome): string {
  const name = fileName(outcome.notebook);
  const points = `${outcome.score}/${outcome.max_score} autograded points`;
  if (outcome.passed) {
    return `${name}: every test passes, ${points}.`;
  }
  const failed = outcome.failed.length;
  const shown = outcome.failed.slice(0, 4).join(', ') + (failed > 4 ? ', …' : '');
  return `${name}: ${points}; ${failed} test${failed === 1 ? '' : 's'} failed (${shown}).`;
}

/** Runs checks, one per notebook at a time, and tells the buttons when one starts or ends. */
class Checker {
  constructor(
    private app: JupyterFrontEnd,
    private docManager: IDocumentManager
  ) {}

  get changed(): ISignal<this, string> {
    return this._changed;
  }

  isRunning(path: string): boolean {
    return this._running.has(path);
  }

  async check(panel: NotebookPanel): Promise<ICheckOutcome | undefined> {
    const context = panel.context;
    const path = this.app.serviceManager.contents.localPath(context.path);
    if (this._running.has(path)) {
      return undefined;
    }
    this._running.add(path);
    this._changed.emit(path);
    const id = Notification.emit(
      `Checking ${fileName(path)}: every test, hidden ones too…`,
      'in-progress',
      { autoClose: false }
    );
    try {
      await context.save();
      const outcome = await requestCheck(path);
      const missing = outcome.feedback ? '' : ' No feedback page was written inside the folder Lab serves.';
      Notification.update({
        id,
        message: headline(outcome) + missing,
        type: outcome.passed ? 'success' : 'warning',
        autoClose: 10000
      });
      if (outcome.feedback) {
        await this.openFeedback(outcome.feedback, panel);
      }
      return outcome;
    } catch (error) {
      Notification.dismiss(id);
      const reason = error instanceof Error ? error.message : String(error);
      void showErrorMessage(`The check of ${fileName(path)} could not run`, reason);
      return undefined;
    } finally {
      this._running.delete(path);
      this._changed.emit(path);
    }
  }

  /** Open the page beside the notebook; a page already open is reloaded from disk. */
  private async openFeedback(page: string, panel: NotebookPanel): Promise<void> {
    const existing = this.docManager.findWidget(page, FEEDBACK_VIEWER);
    const widget = this.docManager.openOrReveal(page, FEEDBACK_VIEWER, undefined, {
      mode: 'split-right',
      ref: panel.id
    });
    if (widget) {
      await widget.context.ready;
      if (existing) {
        await widget.context.revert();
      }
    }
  }

  private _running = new Set<string>();
  private _changed = new Signal<this, string>(this);
}

/** The toolbar's "Check" button of one notebook; "Checking… N s" and disabled while its check runs. */
class CheckButton extends Widget {
  constructor(
    private checker: Checker,
    private panel: NotebookPanel,
    private app: JupyterFrontEnd
  ) {
    super({ node: document.createElement('div') });
    this.addClass('jp-ToolbarButton');
    this.addClass('course-CheckButton');
    this._button = document.createElement('button');
    this._button.className = 'jp-ToolbarButtonComponent jp-mod-minimal jp-Button';
    this._button.title = 'Save, run every test of this notebook (hidden ones too) and open its feedback page';
    this._button.setAttribute('aria-label', 'Check');
    this._button.appendChild(
      checkIcon.element({ tag: 'span', className: 'jp-ToolbarButtonComponent-icon' })
    );
    this._label = document.createElement('span');
    this._label.className = 'jp-ToolbarButtonComponent-label';
    this._button.appendChild(this._label);
    this.node.appendChild(this._button);
    this._button.addEventListener('click', () => void this.checker.check(this.panel));
    this.checker.changed.connect(this.update, this);
    this.update();
  }

  dispose(): void {
    this.checker.changed.disconnect(this.update, this);
    window.clearInterval(this._timer);
    super.dispose();
  }

  update(): void {
    const path = this.app.serviceManager.contents.localPath(this.panel.context.path);
    const running = this.checker.isRunning(path);
    if (running && this._started === 0) {
      this._started = Date.now();
      this._timer = window.setInterval(() => this.render(), 1000);
    } else if (!running && this._started !== 0) {
      this._started = 0;
      window.clearInterval(this._timer);
    }
    this.render();
  }

  private render(): void {
    const running = this._started !== 0;
    const seconds = Math.round((Date.now() - this._started) / 1000);
    this._label.textContent = running ? `Checking… ${seconds} s` : 'Check';
    this._button.disabled = running;
    this.toggleClass('course-mod-running', running);
  }

  private _button: HTMLButtonElement;
  private _label: HTMLSpanElement;
  private _started = 0;
  private _timer = 0;
}

/** Adds the button to every notebook's toolbar. */
class ButtonExtension implements DocumentRegistry.IWidgetExtension<NotebookPanel, INotebookModel> {
  constructor(
    private checker: Checker,
    private app: JupyterFrontEnd
  ) {}

  createNew(panel: NotebookPanel): IDisposable {
    const button = new CheckButton(this.checker, panel, this.app);
    // before the cell type menu: a narrow notebook moves the toolbar's last items into its overflow menu
    panel.toolbar.insertBefore('cellType', 'course-check', button);
    return button;
  }
}

const plugin: JupyterFrontEndPlugin<void> = {
  id: '@ml-interview-course/check:plugin',
  description: 'Check the open notebook against every test (hidden ones too) and open its feedback page.',
  autoStart: true,
  requires: [INotebookTracker, IDocumentManager],
  optional: [ICommandPalette],
  activate: (
    app: JupyterFrontEnd,
    tracker: INotebookTracker,
    docManager: IDocumentManager,
    palette: ICommandPalette | null
  ) => {
    const checker = new Checker(app, docManager);
    const currentPath = () =>
      tracker.currentWidget
        ? app.serviceManager.contents.localPath(tracker.currentWidget.context.path)
        : null;
    app.commands.addCommand(COMMAND, {
      label: 'Check Notebook (every test, with feedback)',
      caption: 'Save the notebook, run every test (hidden ones too) and open the feedback page',
      // no icon: in a menu a check mark reads as "on"; the toolbar button has its own
      isEnabled: () => {
        const path = currentPath();
        return path !== null && !checker.isRunning(path);
      },
      execute: () => (tracker.currentWidget ? checker.check(tracker.currentWidget) : undefined)
    });
    checker.changed.connect(() => app.commands.notifyCommandChanged(COMMAND));
    app.docRegistry.addWidgetExtension('Notebook', new ButtonExtension(checker, app));
    app.contextMenu.addItem({ command: COMMAND, selector: '.jp-Notebook', rank: 90 });
    palette?.addItem({ command: COMMAND, category: 'Course' });
  }
};

export default plugin;
