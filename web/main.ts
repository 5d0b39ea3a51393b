// The page's entry: /jobs/<job> is the job view, anything else the plan view.
import { startJobView } from './job-view.js'
import { startPlanView } from './plan-view.js'

const root = document.getElementById('app') as HTMLElement
const job = /^\/jobs\/([^/]+)\/?$/.exec(location.pathname)
if (job !== null) startJobView(root, decodeURIComponent(job[1]))
else startPlanView(root)
