var j=globalThis,W=j.ShadowRoot&&(j.ShadyCSS===void 0||j.ShadyCSS.nativeShadow)&&"adoptedStyleSheets"in Document.prototype&&"replace"in CSSStyleSheet.prototype,me=Symbol(),Pe=new WeakMap,H=class{constructor(e,t,n){if(this._$cssResult$=!0,n!==me)throw Error("CSSResult is not constructable. Use `unsafeCSS` or `css` instead.");this.cssText=e,this.t=t}get styleSheet(){let e=this.o,t=this.t;if(W&&e===void 0){let n=t!==void 0&&t.length===1;n&&(e=Pe.get(t)),e===void 0&&((this.o=e=new CSSStyleSheet).replaceSync(this.cssText),n&&Pe.set(t,e))}return e}toString(){return this.cssText}},qe=r=>new H(typeof r=="string"?r:r+"",void 0,me),fe=(r,...e)=>{let t=r.length===1?r[0]:e.reduce((n,i,o)=>n+(s=>{if(s._$cssResult$===!0)return s.cssText;if(typeof s=="number")return s;throw Error("Value passed to 'css' function must be a 'css' function result: "+s+". Use 'unsafeCSS' to pass non-literal values, but take care to ensure page security.")})(i)+r[o+1],r[0]);return new H(t,r,me)},Le=(r,e)=>{if(W)r.adoptedStyleSheets=e.map(t=>t instanceof CSSStyleSheet?t:t.styleSheet);else for(let t of e){let n=document.createElement("style"),i=j.litNonce;i!==void 0&&n.setAttribute("nonce",i),n.textContent=t.cssText,r.appendChild(n)}},ge=W?r=>r:r=>r instanceof CSSStyleSheet?(e=>{let t="";for(let n of e.cssRules)t+=n.cssText;return qe(t)})(r):r;var{is:It,defineProperty:Ut,getOwnPropertyDescriptor:Ot,getOwnPropertyNames:Vt,getOwnPropertySymbols:Ft,getPrototypeOf:Bt}=Object,K=globalThis,De=K.trustedTypes,zt=De?De.emptyScript:"",Zt=K.reactiveElementPolyfillSupport,I=(r,e)=>r,_e={toAttribute(r,e){switch(e){case Boolean:r=r?zt:null;break;case Object:case Array:r=r==null?r:JSON.stringify(r)}return r},fromAttribute(r,e){let t=r;switch(e){case Boolean:t=r!==null;break;case Number:t=r===null?null:Number(r);break;case Object:case Array:try{t=JSON.parse(r)}catch{t=null}}return t}},He=(r,e)=>!It(r,e),Ne={attribute:!0,type:String,converter:_e,reflect:!1,useDefault:!1,hasChanged:He};Symbol.metadata??=Symbol("metadata"),K.litPropertyMetadata??=new WeakMap;var b=class extends HTMLElement{static addInitializer(e){this._$Ei(),(this.l??=[]).push(e)}static get observedAttributes(){return this.finalize(),this._$Eh&&[...this._$Eh.keys()]}static createProperty(e,t=Ne){if(t.state&&(t.attribute=!1),this._$Ei(),this.prototype.hasOwnProperty(e)&&((t=Object.create(t)).wrapped=!0),this.elementProperties.set(e,t),!t.noAccessor){let n=Symbol(),i=this.getPropertyDescriptor(e,n,t);i!==void 0&&Ut(this.prototype,e,i)}}static getPropertyDescriptor(e,t,n){let{get:i,set:o}=Ot(this.prototype,e)??{get(){return this[t]},set(s){this[t]=s}};return{get:i,set(s){let u=i?.call(this);o?.call(this,s),this.requestUpdate(e,u,n)},configurable:!0,enumerable:!0}}static getPropertyOptions(e){return this.elementProperties.get(e)??Ne}static _$Ei(){if(this.hasOwnProperty(I("elementProperties")))return;let e=Bt(this);e.finalize(),e.l!==void 0&&(this.l=[...e.l]),this.elementProperties=new Map(e.elementProperties)}static finalize(){if(this.hasOwnProperty(I("finalized")))return;if(this.finalized=!0,this._$Ei(),this.hasOwnProperty(I("properties"))){let t=this.properties,n=[...Vt(t),...Ft(t)];for(let i of n)this.createProperty(i,t[i])}let e=this[Symbol.metadata];if(e!==null){let t=litPropertyMetadata.get(e);if(t!==void 0)for(let[n,i]of t)this.elementProperties.set(n,i)}this._$Eh=new Map;for(let[t,n]of this.elementProperties){let i=this._$Eu(t,n);i!==void 0&&this._$Eh.set(i,t)}this.elementStyles=this.finalizeStyles(this.styles)}static finalizeStyles(e){let t=[];if(Array.isArray(e)){let n=new Set(e.flat(1/0).reverse());for(let i of n)t.unshift(ge(i))}else e!==void 0&&t.push(ge(e));return t}static _$Eu(e,t){let n=t.attribute;return n===!1?void 0:typeof n=="string"?n:typeof e=="string"?e.toLowerCase():void 0}constructor(){super(),this._$Ep=void 0,this.isUpdatePending=!1,this.hasUpdated=!1,this._$Em=null,this._$Ev()}_$Ev(){this._$ES=new Promise(e=>this.enableUpdating=e),this._$AL=new Map,this._$E_(),this.requestUpdate(),this.constructor.l?.forEach(e=>e(this))}addController(e){(this._$EO??=new Set).add(e),this.renderRoot!==void 0&&this.isConnected&&e.hostConnected?.()}removeController(e){this._$EO?.delete(e)}_$E_(){let e=new Map,t=this.constructor.elementProperties;for(let n of t.keys())this.hasOwnProperty(n)&&(e.set(n,this[n]),delete this[n]);e.size>0&&(this._$Ep=e)}createRenderRoot(){let e=this.shadowRoot??this.attachShadow(this.constructor.shadowRootOptions);return Le(e,this.constructor.elementStyles),e}connectedCallback(){this.renderRoot??=this.createRenderRoot(),this.enableUpdating(!0),this._$EO?.forEach(e=>e.hostConnected?.())}enableUpdating(e){}disconnectedCallback(){this._$EO?.forEach(e=>e.hostDisconnected?.())}attributeChangedCallback(e,t,n){this._$AK(e,n)}_$ET(e,t){let n=this.constructor.elementProperties.get(e),i=this.constructor._$Eu(e,n);if(i!==void 0&&n.reflect===!0){let o=(n.converter?.toAttribute!==void 0?n.converter:_e).toAttribute(t,n.type);this._$Em=e,o==null?this.removeAttribute(i):this.setAttribute(i,o),this._$Em=null}}_$AK(e,t){let n=this.constructor,i=n._$Eh.get(e);if(i!==void 0&&this._$Em!==i){let o=n.getPropertyOptions(i),s=typeof o.converter=="function"?{fromAttribute:o.converter}:o.converter?.fromAttribute!==void 0?o.converter:_e;this._$Em=i;let u=s.fromAttribute(t,o.type);this[i]=u??this._$Ej?.get(i)??u,this._$Em=null}}requestUpdate(e,t,n,i=!1,o){if(e!==void 0){let s=this.constructor;if(i===!1&&(o=this[e]),n??=s.getPropertyOptions(e),!((n.hasChanged??He)(o,t)||n.useDefault&&n.reflect&&o===this._$Ej?.get(e)&&!this.hasAttribute(s._$Eu(e,n))))return;this.C(e,t,n)}this.isUpdatePending===!1&&(this._$ES=this._$EP())}C(e,t,{useDefault:n,reflect:i,wrapped:o},s){n&&!(this._$Ej??=new Map).has(e)&&(this._$Ej.set(e,s??t??this[e]),o!==!0||s!==void 0)||(this._$AL.has(e)||(this.hasUpdated||n||(t=void 0),this._$AL.set(e,t)),i===!0&&this._$Em!==e&&(this._$Eq??=new Set).add(e))}async _$EP(){this.isUpdatePending=!0;try{await this._$ES}catch(t){Promise.reject(t)}let e=this.scheduleUpdate();return e!=null&&await e,!this.isUpdatePending}scheduleUpdate(){return this.performUpdate()}performUpdate(){if(!this.isUpdatePending)return;if(!this.hasUpdated){if(this.renderRoot??=this.createRenderRoot(),this._$Ep){for(let[i,o]of this._$Ep)this[i]=o;this._$Ep=void 0}let n=this.constructor.elementProperties;if(n.size>0)for(let[i,o]of n){let{wrapped:s}=o,u=this[i];s!==!0||this._$AL.has(i)||u===void 0||this.C(i,void 0,o,u)}}let e=!1,t=this._$AL;try{e=this.shouldUpdate(t),e?(this.willUpdate(t),this._$EO?.forEach(n=>n.hostUpdate?.()),this.update(t)):this._$EM()}catch(n){throw e=!1,this._$EM(),n}e&&this._$AE(t)}willUpdate(e){}_$AE(e){this._$EO?.forEach(t=>t.hostUpdated?.()),this.hasUpdated||(this.hasUpdated=!0,this.firstUpdated(e)),this.updated(e)}_$EM(){this._$AL=new Map,this.isUpdatePending=!1}get updateComplete(){return this.getUpdateComplete()}getUpdateComplete(){return this._$ES}shouldUpdate(e){return!0}update(e){this._$Eq&&=this._$Eq.forEach(t=>this._$ET(t,this[t])),this._$EM()}updated(e){}firstUpdated(e){}};b.elementStyles=[],b.shadowRootOptions={mode:"open"},b[I("elementProperties")]=new Map,b[I("finalized")]=new Map,Zt?.({ReactiveElement:b}),(K.reactiveElementVersions??=[]).push("2.1.2");var ve=globalThis,Ie=r=>r,Y=ve.trustedTypes,Ue=Y?Y.createPolicy("lit-html",{createHTML:r=>r}):void 0,$e="$lit$",w=`lit$${Math.random().toFixed(9).slice(2)}$`,be="?"+w,Qt=`<${be}>`,R=document,O=()=>R.createComment(""),V=r=>r===null||typeof r!="object"&&typeof r!="function",we=Array.isArray,Ze=r=>we(r)||typeof r?.[Symbol.iterator]=="function",ye=`[ 	
\f\r]`,U=/<(?:(!--|\/[^a-zA-Z])|(\/?[a-zA-Z][^>\s]*)|(\/?$))/g,Oe=/-->/g,Ve=/>/g,k=RegExp(`>|${ye}(?:([^\\s"'>=/]+)(${ye}*=${ye}*(?:[^ 	
\f\r"'\`<>=]|("|')|))|$)`,"g"),Fe=/'/g,Be=/"/g,Qe=/^(?:script|style|textarea|title)$/i,xe=r=>(e,...t)=>({_$litType$:r,strings:e,values:t}),l=xe(1),Lr=xe(2),Dr=xe(3),y=Symbol.for("lit-noChange"),c=Symbol.for("lit-nothing"),ze=new WeakMap,C=R.createTreeWalker(R,129);function je(r,e){if(!we(r)||!r.hasOwnProperty("raw"))throw Error("invalid template strings array");return Ue!==void 0?Ue.createHTML(e):e}var We=(r,e)=>{let t=r.length-1,n=[],i,o=e===2?"<svg>":e===3?"<math>":"",s=U;for(let u=0;u<t;u++){let a=r[u],m,g,d=-1,f=0;for(;f<a.length&&(s.lastIndex=f,g=s.exec(a),g!==null);)f=s.lastIndex,s===U?g[1]==="!--"?s=Oe:g[1]!==void 0?s=Ve:g[2]!==void 0?(Qe.test(g[2])&&(i=RegExp("</"+g[2],"g")),s=k):g[3]!==void 0&&(s=k):s===k?g[0]===">"?(s=i??U,d=-1):g[1]===void 0?d=-2:(d=s.lastIndex-g[2].length,m=g[1],s=g[3]===void 0?k:g[3]==='"'?Be:Fe):s===Be||s===Fe?s=k:s===Oe||s===Ve?s=U:(s=k,i=void 0);let p=s===k&&r[u+1].startsWith("/>")?" ":"";o+=s===U?a+Qt:d>=0?(n.push(m),a.slice(0,d)+$e+a.slice(d)+w+p):a+w+(d===-2?u:p)}return[je(r,o+(r[t]||"<?>")+(e===2?"</svg>":e===3?"</math>":"")),n]},F=class r{constructor({strings:e,_$litType$:t},n){let i;this.parts=[];let o=0,s=0,u=e.length-1,a=this.parts,[m,g]=We(e,t);if(this.el=r.createElement(m,n),C.currentNode=this.el.content,t===2||t===3){let d=this.el.content.firstChild;d.replaceWith(...d.childNodes)}for(;(i=C.nextNode())!==null&&a.length<u;){if(i.nodeType===1){if(i.hasAttributes())for(let d of i.getAttributeNames())if(d.endsWith($e)){let f=g[s++],p=i.getAttribute(d).split(w),_=/([.?@])?(.*)/.exec(f);a.push({type:1,index:o,name:_[2],strings:p,ctor:_[1]==="."?G:_[1]==="?"?X:_[1]==="@"?ee:E}),i.removeAttribute(d)}else d.startsWith(w)&&(a.push({type:6,index:o}),i.removeAttribute(d));if(Qe.test(i.tagName)){let d=i.textContent.split(w),f=d.length-1;if(f>0){i.textContent=Y?Y.emptyScript:"";for(let p=0;p<f;p++)i.append(d[p],O()),C.nextNode(),a.push({type:2,index:++o});i.append(d[f],O())}}}else if(i.nodeType===8)if(i.data===be)a.push({type:2,index:o});else{let d=-1;for(;(d=i.data.indexOf(w,d+1))!==-1;)a.push({type:7,index:o}),d+=w.length-1}o++}}static createElement(e,t){let n=R.createElement("template");return n.innerHTML=e,n}};function T(r,e,t=r,n){if(e===y)return e;let i=n!==void 0?t._$Co?.[n]:t._$Cl,o=V(e)?void 0:e._$litDirective$;return i?.constructor!==o&&(i?._$AO?.(!1),o===void 0?i=void 0:(i=new o(r),i._$AT(r,t,n)),n!==void 0?(t._$Co??=[])[n]=i:t._$Cl=i),i!==void 0&&(e=T(r,i._$AS(r,e.values),i,n)),e}var J=class{constructor(e,t){this._$AV=[],this._$AN=void 0,this._$AD=e,this._$AM=t}get parentNode(){return this._$AM.parentNode}get _$AU(){return this._$AM._$AU}u(e){let{el:{content:t},parts:n}=this._$AD,i=(e?.creationScope??R).importNode(t,!0);C.currentNode=i;let o=C.nextNode(),s=0,u=0,a=n[0];for(;a!==void 0;){if(s===a.index){let m;a.type===2?m=new M(o,o.nextSibling,this,e):a.type===1?m=new a.ctor(o,a.name,a.strings,this,e):a.type===6&&(m=new te(o,this,e)),this._$AV.push(m),a=n[++u]}s!==a?.index&&(o=C.nextNode(),s++)}return C.currentNode=R,i}p(e){let t=0;for(let n of this._$AV)n!==void 0&&(n.strings!==void 0?(n._$AI(e,n,t),t+=n.strings.length-2):n._$AI(e[t])),t++}},M=class r{get _$AU(){return this._$AM?._$AU??this._$Cv}constructor(e,t,n,i){this.type=2,this._$AH=c,this._$AN=void 0,this._$AA=e,this._$AB=t,this._$AM=n,this.options=i,this._$Cv=i?.isConnected??!0}get parentNode(){let e=this._$AA.parentNode,t=this._$AM;return t!==void 0&&e?.nodeType===11&&(e=t.parentNode),e}get startNode(){return this._$AA}get endNode(){return this._$AB}_$AI(e,t=this){e=T(this,e,t),V(e)?e===c||e==null||e===""?(this._$AH!==c&&this._$AR(),this._$AH=c):e!==this._$AH&&e!==y&&this._(e):e._$litType$!==void 0?this.$(e):e.nodeType!==void 0?this.T(e):Ze(e)?this.k(e):this._(e)}O(e){return this._$AA.parentNode.insertBefore(e,this._$AB)}T(e){this._$AH!==e&&(this._$AR(),this._$AH=this.O(e))}_(e){this._$AH!==c&&V(this._$AH)?this._$AA.nextSibling.data=e:this.T(R.createTextNode(e)),this._$AH=e}$(e){let{values:t,_$litType$:n}=e,i=typeof n=="number"?this._$AC(e):(n.el===void 0&&(n.el=F.createElement(je(n.h,n.h[0]),this.options)),n);if(this._$AH?._$AD===i)this._$AH.p(t);else{let o=new J(i,this),s=o.u(this.options);o.p(t),this.T(s),this._$AH=o}}_$AC(e){let t=ze.get(e.strings);return t===void 0&&ze.set(e.strings,t=new F(e)),t}k(e){we(this._$AH)||(this._$AH=[],this._$AR());let t=this._$AH,n,i=0;for(let o of e)i===t.length?t.push(n=new r(this.O(O()),this.O(O()),this,this.options)):n=t[i],n._$AI(o),i++;i<t.length&&(this._$AR(n&&n._$AB.nextSibling,i),t.length=i)}_$AR(e=this._$AA.nextSibling,t){for(this._$AP?.(!1,!0,t);e!==this._$AB;){let n=Ie(e).nextSibling;Ie(e).remove(),e=n}}setConnected(e){this._$AM===void 0&&(this._$Cv=e,this._$AP?.(e))}},E=class{get tagName(){return this.element.tagName}get _$AU(){return this._$AM._$AU}constructor(e,t,n,i,o){this.type=1,this._$AH=c,this._$AN=void 0,this.element=e,this.name=t,this._$AM=i,this.options=o,n.length>2||n[0]!==""||n[1]!==""?(this._$AH=Array(n.length-1).fill(new String),this.strings=n):this._$AH=c}_$AI(e,t=this,n,i){let o=this.strings,s=!1;if(o===void 0)e=T(this,e,t,0),s=!V(e)||e!==this._$AH&&e!==y,s&&(this._$AH=e);else{let u=e,a,m;for(e=o[0],a=0;a<o.length-1;a++)m=T(this,u[n+a],t,a),m===y&&(m=this._$AH[a]),s||=!V(m)||m!==this._$AH[a],m===c?e=c:e!==c&&(e+=(m??"")+o[a+1]),this._$AH[a]=m}s&&!i&&this.j(e)}j(e){e===c?this.element.removeAttribute(this.name):this.element.setAttribute(this.name,e??"")}},G=class extends E{constructor(){super(...arguments),this.type=3}j(e){this.element[this.name]=e===c?void 0:e}},X=class extends E{constructor(){super(...arguments),this.type=4}j(e){this.element.toggleAttribute(this.name,!!e&&e!==c)}},ee=class extends E{constructor(e,t,n,i,o){super(e,t,n,i,o),this.type=5}_$AI(e,t=this){if((e=T(this,e,t,0)??c)===y)return;let n=this._$AH,i=e===c&&n!==c||e.capture!==n.capture||e.once!==n.once||e.passive!==n.passive,o=e!==c&&(n===c||i);i&&this.element.removeEventListener(this.name,this,n),o&&this.element.addEventListener(this.name,this,e),this._$AH=e}handleEvent(e){typeof this._$AH=="function"?this._$AH.call(this.options?.host??this.element,e):this._$AH.handleEvent(e)}},te=class{constructor(e,t,n){this.element=e,this.type=6,this._$AN=void 0,this._$AM=t,this.options=n}get _$AU(){return this._$AM._$AU}_$AI(e){T(this,e)}},Ke={M:$e,P:w,A:be,C:1,L:We,R:J,D:Ze,V:T,I:M,H:E,N:X,U:ee,B:G,F:te},jt=ve.litHtmlPolyfillSupport;jt?.(F,M),(ve.litHtmlVersions??=[]).push("3.3.3");var Ye=(r,e,t)=>{let n=t?.renderBefore??e,i=n._$litPart$;if(i===void 0){let o=t?.renderBefore??null;n._$litPart$=i=new M(e.insertBefore(O(),o),o,void 0,t??{})}return i._$AI(r),i};var Ae=globalThis,v=class extends b{constructor(){super(...arguments),this.renderOptions={host:this},this._$Do=void 0}createRenderRoot(){let e=super.createRenderRoot();return this.renderOptions.renderBefore??=e.firstChild,e}update(e){let t=this.render();this.hasUpdated||(this.renderOptions.isConnected=this.isConnected),super.update(e),this._$Do=Ye(t,this.renderRoot,this.renderOptions)}connectedCallback(){super.connectedCallback(),this._$Do?.setConnected(!0)}disconnectedCallback(){super.disconnectedCallback(),this._$Do?.setConnected(!1)}render(){return y}};v._$litElement$=!0,v.finalized=!0,Ae.litElementHydrateSupport?.({LitElement:v});var Wt=Ae.litElementPolyfillSupport;Wt?.({LitElement:v});(Ae.litElementVersions??=[]).push("4.2.2");var re={ATTRIBUTE:1,CHILD:2,PROPERTY:3,BOOLEAN_ATTRIBUTE:4,EVENT:5,ELEMENT:6},P=r=>(...e)=>({_$litDirective$:r,values:e}),x=class{constructor(e){}get _$AU(){return this._$AM._$AU}_$AT(e,t,n){this._$Ct=e,this._$AM=t,this._$Ci=n}_$AS(e,t){return this.update(e,t)}update(e,t){return this.render(...t)}};var Kt={},B=P(class extends x{constructor(){super(...arguments),this.ot=Kt}render(r,e){return e()}update(r,[e,t]){if(Array.isArray(e)){if(Array.isArray(this.ot)&&this.ot.length===e.length&&e.every((n,i)=>n===this.ot[i]))return y}else if(this.ot===e)return y;return this.ot=Array.isArray(e)?Array.from(e):e,this.render(e,t)}});var Se={title:"",days:7,queue:!0,upcoming:!0,vpn:!0,storage:!0,max_rows:0},Yt=["queue","upcoming","vpn","storage"];function Ge(){return{days:7,queue:!0,upcoming:!0,vpn:!0,storage:!0}}var A=class extends Error{constructor(){super(...arguments);this.name="ConfigError"}};function Je(r,e,t){if(typeof r!="number"||!Number.isFinite(r))throw new A(`myflix-card: '${e}' must be ${t}, got ${JSON.stringify(r)}`);return r}function Xe(r){if(r===null||typeof r!="object"||Array.isArray(r))throw new A("myflix-card: the config must be a mapping");let e=r,t={type:typeof e.type=="string"?e.type:"custom:myflix-card",entry_id:void 0,...Se};if(e.title!=null){if(typeof e.title!="string")throw new A(`myflix-card: 'title' must be text, got ${JSON.stringify(e.title)}`);t.title=e.title}if(e.entry_id!=null&&e.entry_id!==""){if(typeof e.entry_id!="string")throw new A(`myflix-card: 'entry_id' must be a config entry id, got ${JSON.stringify(e.entry_id)}`);t.entry_id=e.entry_id}if(e.days!=null){let n=Math.round(Je(e.days,"days","a number from 1 to 30"));t.days=Math.min(30,Math.max(1,n))}for(let n of Yt){let i=e[n];if(i!=null){if(typeof i!="boolean")throw new A(`myflix-card: '${n}' must be true or false, got ${JSON.stringify(i)}`);t[n]=i}}if(e.max_rows!=null){let n=Je(e.max_rows,"max_rows","a whole number, 0 for all rows");if(n<0)throw new A(`myflix-card: 'max_rows' must be 0 or more, got ${n}`);t.max_rows=Math.floor(n)}return t}var Jt={queue:"Queue",upcoming:"Coming up",vpn:"VPN",storage:"Storage",loading:"Loading…",subscribe_failed:"Myflix is unavailable: {message}",call_failed:"Failed: {message}",nothing_downloading:"Nothing downloading",nothing_upcoming:"Nothing in the next {days} days",nothing_upcoming_one:"Nothing in the next day",more_rows:"+ {count} more",pause:"Pause",resume:"Resume",remove:"Remove",cancel:"Cancel",confirm_remove:"Remove {title} and its files?",left:"{time} left",today:"Today",tomorrow:"Tomorrow",in_library:"In library",downloaded:"Downloaded",killswitch:"Killswitch",exit_country:"Exit country",connectable:"Connectable",yes:"Yes",no:"No",unknown:"Unknown",last_halt:"Last halt",never:"Never",latency:"{ms} ms",no_vpn:"No VPN data",hot_disk:"Hot disk",archive_disk:"Archive disk",disk_usage:"{used} of {total} ({percent})",disk_free:"{free} free",next_move:"Next move",next_move_size:"{files} files, {bytes}",next_move_size_one:"1 file, {bytes}",next_move_at:"at {when}",next_move_when_full:"when the hot disk fills",nothing_to_move:"Nothing to move",no_storage:"No storage data",state_downloading:"Downloading",state_stalled:"Stalled",state_metadata:"Fetching metadata",state_queued:"Queued",state_checking:"Checking",state_stopped:"Stopped",state_halted:"Halted by the killswitch",state_struck:"Struck by self-healing ({strikes} of {limit})",state_struck_unlimited:"Struck by self-healing ({strikes})",state_error:"Error",state_missing_files:"Files missing",state_moving:"Moving",state_importing:"Importing",state_seeding:"Seeding",release_cinema:"In cinemas",release_digital:"Digital",release_physical:"Physical",killswitch_armed:"Armed",killswitch_tripped:"Tripped: downloads halted",killswitch_fail_closed:"Failed closed: downloads halted",killswitch_disarmed:"Disarmed",connectability_connectable:"Port forwarded and open",connectability_not_listening:"qBittorrent is not listening on the port",connectability_provider_unknown:"VPN provider unknown",connectability_provider_cannot_forward:"The VPN provider cannot forward a port",connectability_forwarding_off:"Port forwarding is off",connectability_no_forwarded_port:"No port forwarded yet",connectability_port_not_applied:"Forwarded port not applied to qBittorrent",connectability_firewalled:"Firewalled",editor_title:"Title",editor_entry_id:"Myflix entry",editor_days:"Days ahead (1 to 30)",editor_queue:"Show the queue",editor_upcoming:"Show what's coming up",editor_vpn:"Show the VPN",editor_storage:"Show the storage",editor_max_rows:"Queue rows at most (0: all)",card_description:"Downloads, releases to come, the VPN and storage of Myflix, live."},Gt={queue:"File d'attente",upcoming:"À venir",vpn:"VPN",storage:"Stockage",loading:"Chargement…",subscribe_failed:"Myflix est indisponible : {message}",call_failed:"Échec : {message}",nothing_downloading:"Aucun téléchargement",nothing_upcoming:"Rien dans les {days} prochains jours",nothing_upcoming_one:"Rien d'ici demain",more_rows:"+ {count} de plus",pause:"Pause",resume:"Reprendre",remove:"Supprimer",cancel:"Annuler",confirm_remove:"Supprimer {title} et ses fichiers ?",left:"encore {time}",today:"Aujourd'hui",tomorrow:"Demain",in_library:"Dans la bibliothèque",downloaded:"Téléchargé",killswitch:"Coupe-circuit",exit_country:"Pays de sortie",connectable:"Joignable",yes:"Oui",no:"Non",unknown:"Inconnu",last_halt:"Dernier arrêt",never:"Jamais",latency:"{ms} ms",no_vpn:"Aucune donnée VPN",hot_disk:"Disque rapide",archive_disk:"Disque d'archive",disk_usage:"{used} sur {total} ({percent})",disk_free:"{free} libres",next_move:"Prochain déplacement",next_move_size:"{files} fichiers, {bytes}",next_move_size_one:"1 fichier, {bytes}",next_move_at:"le {when}",next_move_when_full:"quand le disque rapide sera plein",nothing_to_move:"Rien à déplacer",no_storage:"Aucune donnée de stockage",state_downloading:"Téléchargement",state_stalled:"Bloqué",state_metadata:"Récupération des métadonnées",state_queued:"En attente",state_checking:"Vérification",state_stopped:"Arrêté",state_halted:"Arrêté par le coupe-circuit",state_struck:"Sanctionné par l'autoréparation ({strikes} sur {limit})",state_struck_unlimited:"Sanctionné par l'autoréparation ({strikes})",state_error:"Erreur",state_missing_files:"Fichiers manquants",state_moving:"Déplacement",state_importing:"Importation",state_seeding:"Partage",release_cinema:"Au cinéma",release_digital:"Numérique",release_physical:"Physique",killswitch_armed:"Armé",killswitch_tripped:"Déclenché : téléchargements arrêtés",killswitch_fail_closed:"Fermé par sécurité : téléchargements arrêtés",killswitch_disarmed:"Désarmé",connectability_connectable:"Port redirigé et ouvert",connectability_not_listening:"qBittorrent n'écoute pas sur le port",connectability_provider_unknown:"Fournisseur VPN inconnu",connectability_provider_cannot_forward:"Le fournisseur VPN ne peut pas rediriger de port",connectability_forwarding_off:"La redirection de port est désactivée",connectability_no_forwarded_port:"Aucun port redirigé pour l'instant",connectability_port_not_applied:"Port redirigé non appliqué à qBittorrent",connectability_firewalled:"Derrière un pare-feu",editor_title:"Titre",editor_entry_id:"Entrée Myflix",editor_days:"Jours à venir (1 à 30)",editor_queue:"Afficher la file d'attente",editor_upcoming:"Afficher ce qui arrive",editor_vpn:"Afficher le VPN",editor_storage:"Afficher le stockage",editor_max_rows:"Lignes de la file au plus (0 : toutes)",card_description:"Téléchargements, sorties à venir, VPN et stockage de Myflix, en direct."},ne={en:Jt,fr:Gt};function q(r){return typeof r=="string"&&r.toLowerCase().startsWith("fr")?"fr":"en"}var et=new Map;function h(r){let e=et.get(r);if(!e){let t=ne[r];e=(n,i)=>t[n].replace(/\{(\w+)\}/g,(o,s)=>i&&s in i?String(i[s]):o),et.set(r,e)}return e}function ie(r,e,t,n){let i=`${t}_${n}`;return i in ne[e]?r(i):n}function tt(r,e){let t=h(e);return r.state==="struck"?r.strike_limit==null?t("state_struck_unlimited",{strikes:r.strikes}):t("state_struck",{strikes:r.strikes,limit:r.strike_limit}):ie(t,e,"state",r.state)}function rt(r,e){return r?ie(h(e),e,"release",r):""}function nt(r,e){return r?ie(h(e),e,"killswitch",r):h(e)("unknown")}function ke(r,e){return r?ie(h(e),e,"connectability",r):h(e)("unknown")}var it=new Map;function ot(r){let e=it.get(r);return e||(e=new Intl.DateTimeFormat("en-US",{timeZone:r,year:"numeric",month:"2-digit",day:"2-digit",hour:"2-digit",minute:"2-digit",hourCycle:"h23"}),it.set(r,e)),e}function Xt(r){if(typeof r!="string"||r==="")return!1;try{return ot(r),!0}catch{return!1}}function Ce(){return Intl.DateTimeFormat().resolvedOptions().timeZone||"UTC"}function st(r,e){return r==="server"&&Xt(e)?e:Ce()}function at(r,e){let t={};for(let n of ot(e).formatToParts(new Date(r)))t[n.type]=n.value;return`${t.year}-${t.month}-${t.day}T${t.hour}:${t.minute}`}function Re(r,e){return at(r,e).slice(0,10)}function lt(r,e){let[t,n,i]=r.split("-").map(Number);return new Date(Date.UTC(t,n-1,i+e)).toISOString().slice(0,10)}function er(r,e){return r.at?Re(r.at,e):r.date}function ct(r,e){return r.at?at(r.at,e):`${r.date}T00:00`}function dt(r,e){let t=[];for(let n of r){let i=er(n,e),o=t[t.length-1];o&&o.day===i?o.releases.push(n):t.push({day:i,releases:[n]})}return t}function tr(r){if(r)try{if(Intl.DateTimeFormat.supportedLocalesOf([r]).length)return r}catch{}return"en"}function rr(r){if(r==="12")return!0;if(r==="24")return!1;if(r==="system")return new Intl.DateTimeFormat(void 0,{hour:"numeric"}).resolvedOptions().hour12}function ut(r){let e=r.locale?.language??r.language;return{lang:q(e),tag:tr(e),hour12:rr(r.locale?.time_format),timeZone:st(r.locale?.time_zone,r.config?.time_zone)}}function pt(r,e){return r!==void 0&&r.lang===e.lang&&r.tag===e.tag&&r.hour12===e.hour12&&r.timeZone===e.timeZone}function oe(r){return r&&typeof r=="object"&&"message"in r?String(r.message):String(r)}var{I:nr}=Ke,ht=r=>r;var mt=()=>document.createComment(""),L=(r,e,t)=>{let n=r._$AA.parentNode,i=e===void 0?r._$AB:e._$AA;if(t===void 0){let o=n.insertBefore(mt(),i),s=n.insertBefore(mt(),i);t=new nr(o,s,r,r.options)}else{let o=t._$AB.nextSibling,s=t._$AM,u=s!==r;if(u){let a;t._$AQ?.(r),t._$AM=r,t._$AP!==void 0&&(a=r._$AU)!==s._$AU&&t._$AP(a)}if(o!==i||u){let a=t._$AA;for(;a!==o;){let m=ht(a).nextSibling;ht(n).insertBefore(a,i),a=m}}}return t},S=(r,e,t=r)=>(r._$AI(e,t),r),ir={},ft=(r,e=ir)=>r._$AH=e,gt=r=>r._$AH,se=r=>{r._$AR(),r._$AA.remove()};var _t=(r,e,t)=>{let n=new Map;for(let i=e;i<=t;i++)n.set(r[i],i);return n},yt=P(class extends x{constructor(r){if(super(r),r.type!==re.CHILD)throw Error("repeat() can only be used in text expressions")}dt(r,e,t){let n;t===void 0?t=e:e!==void 0&&(n=e);let i=[],o=[],s=0;for(let u of r)i[s]=n?n(u,s):s,o[s]=t(u,s),s++;return{values:o,keys:i}}render(r,e,t){return this.dt(r,e,t).values}update(r,[e,t,n]){let i=gt(r),{values:o,keys:s}=this.dt(e,t,n);if(!Array.isArray(i))return this.ut=s,o;let u=this.ut??=[],a=[],m,g,d=0,f=i.length-1,p=0,_=o.length-1;for(;d<=f&&p<=_;)if(i[d]===null)d++;else if(i[f]===null)f--;else if(u[d]===s[p])a[p]=S(i[d],o[p]),d++,p++;else if(u[f]===s[_])a[_]=S(i[f],o[_]),f--,_--;else if(u[d]===s[_])a[_]=S(i[d],o[_]),L(r,a[_+1],i[d]),d++,_--;else if(u[f]===s[p])a[p]=S(i[f],o[p]),L(r,i[d],i[f]),f--,p++;else if(m===void 0&&(m=_t(s,p,_),g=_t(u,d,f)),m.has(u[d]))if(m.has(u[f])){let $=g.get(s[p]),he=$!==void 0?i[$]:null;if(he===null){let Me=L(r,i[d]);S(Me,o[p]),a[p]=Me}else a[p]=S(he,o[p]),L(r,i[d],he),i[$]=null;p++}else se(i[f]),f--;else se(i[d]),d++;for(;p<=_;){let $=L(r,a[_+1]);S($,o[p]),a[p++]=$}for(;d<=f;){let $=i[d++];$!==null&&se($)}return this.ut=s,ft(r,a),y}});function or(r,e){return e>0&&r.length>e?r.slice(0,e):r}function vt(r){let e=h(r.locale.lang),t=or(r.order,r.maxRows),n=r.order.length-t.length;return l`<section data-section="queue">
    <h2>${e("queue")}${r.order.length?l` <span class="count">${r.order.length}</span>`:c}</h2>
    ${r.order.length===0?l`<div class="empty">${e("nothing_downloading")}</div>`:l`<div class="rows">
          ${yt(t,i=>i,i=>l`<myflix-queue-row
              .row=${r.rows.get(i)}
              .locale=${r.locale}
              .actions=${r.actions}
              .canRemove=${r.canRemove}
            ></myflix-queue-row>`)}
        </div>`}
    ${n>0?l`<div class="more">${e("more_rows",{count:n})}</div>`:c}
  </section>`}var $t="important",sr=" !"+$t,ae=P(class extends x{constructor(r){if(super(r),r.type!==re.ATTRIBUTE||r.name!=="style"||r.strings?.length>2)throw Error("The `styleMap` directive must be used in the `style` attribute and must be the only part in the attribute.")}render(r){return Object.keys(r).reduce((e,t)=>{let n=r[t];return n==null?e:e+`${t=t.includes("-")?t:t.replace(/(?:^(webkit|moz|ms|o)|)(?=[A-Z])/g,"-$&").toLowerCase()}:${n};`},"")}update(r,[e]){let{style:t}=r.element;if(this.ft===void 0)return this.ft=new Set(Object.keys(e)),this.render(e);for(let n of this.ft)e[n]==null&&(this.ft.delete(n),n.includes("-")?t.removeProperty(n):t[n]=null);for(let n in e){let i=e[n];if(i!=null){this.ft.add(n);let o=typeof i=="string"&&i.endsWith(sr);n.includes("-")||o?t.setProperty(n,o?i.slice(0,-11):i,o?$t:""):t[n]=i}}return y}});var ar=864e4,lr={en:["B","kB","MB","GB","TB","PB"],fr:["o","ko","Mo","Go","To","Po"]},cr={en:{d:"d",h:"h",min:"min",s:"s"},fr:{d:"j",h:"h",min:"min",s:"s"}},bt=new Map;function le(r,e){let t=bt.get(r);return t||(t=e(),bt.set(r,t)),t}function dr(r,e){return le(`n|${r}|${e}`,()=>new Intl.NumberFormat(r,{maximumFractionDigits:e}))}function Te(r,e){return le(`d|${r}|${JSON.stringify(e)}`,()=>new Intl.DateTimeFormat(r,e))}function D(r,e){let t=lr[e.lang],n=Math.max(0,Number.isFinite(r)?r:0),i=0;for(;n>=999.5&&i<t.length-1;)n/=1e3,i+=1;let o=i>0&&n<9.95?1:0;return`${dr(e.tag,o).format(n)} ${t[i]}`}function wt(r,e){return`${D(r,e)}/s`}function xt(r,e){if(r==null||!Number.isFinite(r)||r>=ar)return"∞";let t=cr[e],n=Math.max(0,Math.round(r)),i=Math.floor(n/86400),o=Math.floor(n%86400/3600),s=Math.floor(n%3600/60);return i>0?o?`${i} ${t.d} ${o} ${t.h}`:`${i} ${t.d}`:o>0?s?`${o} ${t.h} ${s} ${t.min}`:`${o} ${t.h}`:s>0?`${s} ${t.min}`:`${n} ${t.s}`}function ce(r,e){return le(`p|${e}`,()=>new Intl.NumberFormat(e,{style:"percent",maximumFractionDigits:1})).format((Number.isFinite(r)?r:0)/100)}function At(r,e){return Te(e.tag,{hour:"numeric",minute:"2-digit",hour12:e.hour12,timeZone:e.timeZone}).format(new Date(r))}function de(r,e){return Te(e.tag,{weekday:"short",month:"short",day:"numeric",hour:"numeric",minute:"2-digit",hour12:e.hour12,timeZone:e.timeZone}).format(new Date(r))}function ur(r,e){let[t,n,i]=r.split("-").map(Number),o=Te(e,{weekday:"long",month:"short",day:"numeric",timeZone:"UTC"}).format(Date.UTC(t,n-1,i));return o.charAt(0).toUpperCase()+o.slice(1)}function St(r,e,t){let n=h(t.lang);return r===e?n("today"):r===lt(e,1)?n("tomorrow"):ur(r,t.tag)}function kt(r,e,t){let n=Math.round((Date.parse(r)-e)/1e3),i=le(`r|${t}`,()=>new Intl.RelativeTimeFormat(t,{numeric:"auto"})),o=[["day",86400],["hour",3600],["minute",60]];for(let[s,u]of o)if(Math.abs(n)>=u)return i.format(Math.round(n/u),s);return i.format(n,"second")}var pr=3;function Ct(r,e,t){let n=h(t.lang),i=e.total>0?Math.min(100,e.used/e.total*100):0,o=i>=95?"critical":i>=85?"high":"ok";return l`<div class="disk" data-disk=${r==="hot_disk"?"hot":"archive"}>
    <div class="line">
      <span class="label">${n(r)}</span>
      <span class="free">${n("disk_free",{free:D(e.free,t)})}</span>
    </div>
    <div class="track"><div class="bar ${o}" style=${ae({width:`${i}%`})}></div></div>
    <div class="meta">
      ${n("disk_usage",{used:D(e.used,t),total:D(e.total,t),percent:ce(i,t.tag)})}
    </div>
  </div>`}function hr(r,e){let t=h(e.lang);if(!r||r.files===0)return l`<div class="next-move"><span class="label">${t("next_move")}</span> ${t("nothing_to_move")}</div>`;let n=D(r.bytes,e),i=r.files===1?t("next_move_size_one",{bytes:n}):t("next_move_size",{files:r.files,bytes:n}),o=r.at?t("next_move_at",{when:de(r.at,e)}):t("next_move_when_full"),s=r.titles.slice(0,pr),u=r.titles.length-s.length;return l`<div class="next-move">
    <div><span class="label">${t("next_move")}</span> ${i}, ${o}</div>
    ${s.length?l`<div class="meta titles">
          ${s.join(", ")}${u>0?` ${t("more_rows",{count:u})}`:""}
        </div>`:c}
  </div>`}function Rt(r){let{storage:e,locale:t}=r,n=h(t.lang),i=!e||!e.hot&&!e.archive&&!e.next_move;return l`<section data-section="storage">
    <h2>${n("storage")}</h2>
    ${i?l`<div class="empty">${n("no_storage")}</div>`:l`
          ${e.hot?Ct("hot_disk",e.hot,t):c}
          ${e.archive?Ct("archive_disk",e.archive,t):c}
          ${hr(e.next_move,t)}
        `}
  </section>`}var Tt=l`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M18,4L20,8H17L15,4H13L15,8H12L10,4H8L10,8H7L5,4H4A2,2 0 0,0 2,6V18A2,2 0 0,0 4,20H20A2,2 0 0,0 22,18V4H18Z"></path></svg>`,Et=l`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M14,19H18V5H14M6,19H10V5H6V19Z"></path></svg>`,Mt=l`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M8,5.14V19.14L19,12.14L8,5.14Z"></path></svg>`,Pt=l`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M19,4H15.5L14.5,3H9.5L8.5,4H5V6H19M6,19A2,2 0 0,0 8,21H16A2,2 0 0,0 18,19V7H6V19Z"></path></svg>`;function mr(r){r.currentTarget.hidden=!0}function fr(r){r.currentTarget.hidden=!1}function ue(r){return l`<div class="poster-box">
    ${Tt}
    ${r?l`<img
          class="poster"
          src=${r}
          loading="lazy"
          decoding="async"
          alt=""
          @error=${mr}
          @load=${fr}
        />`:c}
  </div>`}function gr(r,e){let t=h(e.lang),n=r.at?At(r.at,e):rt(r.release,e.lang),i=r.source==="sonarr"?t("downloaded"):t("in_library");return l`<div class="release" data-release=${r.id}>
    ${ue(r.poster)}
    <div class="main">
      <div class="title">${r.title}</div>
      ${r.detail?l`<div class="detail">${r.detail}</div>`:c}
    </div>
    <div class="when">
      <span>${n}</span>
      ${r.has_file?l`<span class="badge">${i}</span>`:c}
    </div>
  </div>`}function qt(r){let e=h(r.locale.lang),t=dt(r.releases,r.locale.timeZone);return l`<section data-section="upcoming">
    <h2>${e("upcoming")}</h2>
    ${t.length===0?l`<div class="empty">
          ${r.days===1?e("nothing_upcoming_one"):e("nothing_upcoming",{days:r.days})}
        </div>`:t.map(n=>l`<div class="day">
            <h3>${St(n.day,r.today,r.locale)}</h3>
            ${n.releases.map(i=>gr(i,r.locale))}
          </div>`)}
  </section>`}function _r(r,e){if(/^[A-Za-z]{2}$/.test(r))try{return new Intl.DisplayNames(e,{type:"region"}).of(r.toUpperCase())??r}catch{return r}return r}function yr(r,e){let t=h(e.lang);if(r.connectable==null)return r.connectability?ke(r.connectability,e.lang):t("unknown");let n=r.connectable?t("yes"):t("no");return r.connectability?`${n} — ${ke(r.connectability,e.lang)}`:n}function Lt(r){let{vpn:e,locale:t}=r,n=h(t.lang);if(!e)return l`<section data-section="vpn">
      <h2>${n("vpn")}</h2>
      <div class="empty">${n("no_vpn")}</div>
    </section>`;let i=e.last_halt;return l`<section data-section="vpn">
    <h2>${n("vpn")}</h2>
    <dl class="facts">
      <dt>${n("killswitch")}</dt>
      <dd data-killswitch=${e.killswitch??"unknown"}>${nt(e.killswitch,t.lang)}</dd>
      <dt>${n("exit_country")}</dt>
      <dd>${e.exit_country?_r(e.exit_country,t.tag):n("unknown")}</dd>
      <dt>${n("connectable")}</dt>
      <dd data-connectable=${e.connectable==null?"unknown":String(e.connectable)}>
        ${yr(e,t)}
      </dd>
      <dt>${n("last_halt")}</dt>
      <dd>
        ${i?l`<span title=${de(i.at,t)}>${kt(i.at,r.now,t.tag)}</span>${i.latency_ms!=null?l` · ${n("latency",{ms:Math.round(i.latency_ms)})}`:c}`:n("never")}
      </dd>
    </dl>
  </section>`}var vr=new Intl.Collator(void 0,{numeric:!0,sensitivity:"base"});function Nt(r,e){return vr.compare(r.title,e.title)||(r.id<e.id?-1:r.id>e.id?1:0)}function $r(r){if(r==null)return null;let e=Date.parse(r);return Number.isNaN(e)?null:e}function Dt(r){let e=Array.from(r,t=>({row:t,added:$r(t.added_on)}));return e.sort((t,n)=>t.added!==n.added?t.added==null?1:n.added==null?-1:n.added-t.added:Nt(t.row,n.row)),e.map(t=>t.row)}function Ee(r,e){let t=Array.from(r,n=>({release:n,key:ct(n,e)}));return t.sort((n,i)=>n.key<i.key?-1:n.key>i.key?1:Nt(n.release,i.release)),t.map(n=>n.release)}function br(r,e){return r.added_on!==e.added_on||r.title!==e.title}var z=class{constructor(e){this.timeZone=e;this.loaded=!1;this.entryId=null;this.admin=!1;this.queue=new Map;this.queueOrder=[];this.releases=new Map;this.upcoming=[];this.vpn=null;this.storage=null}setTimeZone(e){return e===this.timeZone?!1:(this.timeZone=e,this.upcoming=Ee(this.releases.values(),e),!0)}apply(e){return e.full?this.replace(e):this.merge(e)}replace(e){this.loaded=!0,this.entryId=e.entry_id,this.admin=e.admin===!0,this.queue.clear();for(let t of e.queue??[])this.queue.set(t.id,t);this.queueOrder=Dt(this.queue.values()).map(t=>t.id),this.releases.clear();for(let t of e.upcoming??[])this.releases.set(t.id,t);return this.upcoming=Ee(this.releases.values(),this.timeZone),this.vpn=e.vpn??null,this.storage=e.storage??null,{full:!0,queueOrder:!0,queueRows:[],upcoming:!0,vpn:!0,storage:!0}}merge(e){let t={full:!1,queueOrder:!1,queueRows:[],upcoming:!1,vpn:!1,storage:!1};return e.queue&&this.mergeQueue(e.queue,t),e.upcoming&&(wr(this.releases,e.upcoming),this.upcoming=Ee(this.releases.values(),this.timeZone),t.upcoming=!0),"vpn"in e&&(this.vpn=e.vpn??null,t.vpn=!0),"storage"in e&&(this.storage=e.storage??null,t.storage=!0),t}mergeQueue(e,t){let n=!1,i=[];for(let o of e.removed??[])this.queue.delete(o)&&(n=!0);for(let o of e.changed??[]){let s=this.queue.get(o.id);this.queue.set(o.id,o),!s||br(s,o)?n=!0:i.push(o.id)}n?(this.queueOrder=Dt(this.queue.values()).map(o=>o.id),t.queueOrder=!0):t.queueRows=i}};function wr(r,e){for(let t of e.removed??[])r.delete(t);for(let t of e.changed??[])r.set(t.id,t)}var Ht=fe`
  :host {
    display: block;
    /* Narrow layouts follow the card's width, not the window's. */
    container-type: inline-size;
  }
  ha-card {
    overflow: hidden;
    background: var(--ha-card-background, var(--card-background-color, #fff));
    color: var(--primary-text-color);
  }
  .card-error {
    padding: 12px 16px;
    color: var(--error-color, #db4437);
  }
  .loading,
  .empty,
  .more {
    padding: 4px 0 8px;
    color: var(--secondary-text-color);
  }
  section {
    padding: 8px 16px 12px;
  }
  section + section {
    border-top: 1px solid var(--divider-color, rgba(0, 0, 0, 0.12));
  }
  h2 {
    margin: 4px 0 8px;
    font-size: 1rem;
    font-weight: 500;
    display: flex;
    align-items: center;
    gap: 8px;
  }
  h3 {
    margin: 8px 0 4px;
    font-size: 0.85rem;
    font-weight: 500;
    color: var(--secondary-text-color);
  }
  .count,
  .badge {
    font-size: 0.75rem;
    line-height: 1.4;
    padding: 0 6px;
    border-radius: 8px;
    background: var(--secondary-background-color, rgba(0, 0, 0, 0.06));
    color: var(--secondary-text-color);
    font-weight: 400;
    white-space: nowrap;
  }
  .badge {
    background: var(--success-color, #43a047);
    color: var(--text-primary-color, #fff);
  }

  /* A poster over its placeholder icon. */
  .poster-box {
    position: relative;
    flex: none;
    width: 40px;
    height: 60px;
    border-radius: 4px;
    overflow: hidden;
    background: var(--secondary-background-color, rgba(0, 0, 0, 0.06));
    color: var(--disabled-text-color, rgba(0, 0, 0, 0.38));
    display: flex;
    align-items: center;
    justify-content: center;
  }
  .poster-box svg {
    width: 22px;
    height: 22px;
    fill: currentColor;
  }
  img.poster {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
    object-fit: cover;
  }
  img.poster[hidden] {
    display: none;
  }

  /* Queue rows: compact, and skipped by layout and paint while off screen. */
  myflix-queue-row {
    display: flex;
    align-items: center;
    gap: 12px;
    padding: 6px 0;
    content-visibility: auto;
    contain-intrinsic-size: auto 72px;
  }
  .main {
    flex: 1;
    min-width: 0;
  }
  .line {
    display: flex;
    align-items: baseline;
    gap: 8px;
  }
  .title {
    flex: 1;
    min-width: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .percent,
  .free {
    flex: none;
    font-size: 0.85rem;
    color: var(--secondary-text-color);
    font-variant-numeric: tabular-nums;
  }
  .track {
    height: 4px;
    margin: 4px 0;
    border-radius: 2px;
    background: var(--divider-color, rgba(0, 0, 0, 0.12));
    overflow: hidden;
  }
  .bar {
    height: 100%;
    background: var(--primary-color, #03a9f4);
  }
  myflix-queue-row[data-state="stalled"] .bar,
  myflix-queue-row[data-state="stopped"] .bar,
  myflix-queue-row[data-state="halted"] .bar,
  .bar.high {
    background: var(--warning-color, #ffa600);
  }
  myflix-queue-row[data-state="struck"] .bar,
  myflix-queue-row[data-state="error"] .bar,
  myflix-queue-row[data-state="missing_files"] .bar,
  .bar.critical {
    background: var(--error-color, #db4437);
  }
  myflix-queue-row[data-state="seeding"] .bar {
    background: var(--success-color, #43a047);
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    column-gap: 12px;
    font-size: 0.8rem;
    color: var(--secondary-text-color);
    font-variant-numeric: tabular-nums;
  }
  .meta .state {
    color: var(--primary-text-color);
  }
  .error {
    font-size: 0.8rem;
    color: var(--error-color, #db4437);
  }
  .confirm {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 4px 8px;
    font-size: 0.85rem;
  }
  .confirm span {
    flex: 1 1 100%;
  }
  .actions {
    flex: none;
    display: flex;
  }
  button {
    font: inherit;
    color: inherit;
    background: none;
    border: none;
    cursor: pointer;
    border-radius: 50%;
  }
  button:disabled {
    opacity: 0.4;
    cursor: default;
  }
  button.icon {
    width: 36px;
    height: 36px;
    padding: 6px;
    color: var(--secondary-text-color);
  }
  button.icon svg {
    width: 24px;
    height: 24px;
    fill: currentColor;
  }
  button.icon:hover:not(:disabled),
  button.text:hover:not(:disabled) {
    background: var(--secondary-background-color, rgba(0, 0, 0, 0.06));
  }
  button.text {
    border-radius: 4px;
    padding: 4px 8px;
    color: var(--primary-color);
    font-weight: 500;
  }
  button.danger {
    color: var(--error-color, #db4437);
  }

  /* Coming up */
  .release {
    display: flex;
    align-items: center;
    gap: 12px;
    padding: 4px 0;
    content-visibility: auto;
    contain-intrinsic-size: auto 60px;
  }
  .release .poster-box {
    width: 32px;
    height: 48px;
  }
  .release .title {
    display: block;
  }
  .detail {
    font-size: 0.8rem;
    color: var(--secondary-text-color);
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .when {
    flex: none;
    display: flex;
    flex-direction: column;
    align-items: flex-end;
    gap: 2px;
    font-size: 0.85rem;
    color: var(--secondary-text-color);
  }

  /* VPN */
  dl.facts {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 4px 16px;
    margin: 0;
  }
  dt {
    color: var(--secondary-text-color);
  }
  dd {
    margin: 0;
    min-width: 0;
  }
  dd[data-killswitch="tripped"],
  dd[data-killswitch="fail_closed"],
  dd[data-connectable="false"] {
    color: var(--error-color, #db4437);
  }

  /* Storage */
  .disk + .disk,
  .next-move {
    margin-top: 8px;
  }
  .label {
    font-weight: 500;
  }
  .disk .label {
    flex: 1;
  }

  @container (max-width: 450px) {
    section {
      padding: 8px 12px 12px;
    }
    myflix-queue-row {
      gap: 8px;
    }
    dl.facts {
      grid-template-columns: 1fr;
      gap: 0;
    }
    dd {
      margin-bottom: 6px;
    }
  }
`;var xr=6e4;function Ar(r){let e={type:"myflix/media/subscribe",days:r.days};return r.entry_id&&(e.entry_id=r.entry_id),e}var N=class extends v{constructor(){super();this._canRemove=!1;this._rowElements=new Map;this._queueRedrawn=!1;this._tick=0;this._actions={pause:t=>this._callService("pause_downloads",t),resume:t=>this._callService("resume_downloads",t),remove:t=>this._requireHass().callWS({type:"myflix/media/remove",...this._entry(),id:t.id,delete_files:!0})};this._locale={lang:"en",tag:"en",hour12:void 0,timeZone:Ce()},this._store=new z(this._locale.timeZone)}static getConfigElement(){return document.createElement("myflix-card-editor")}static getStubConfig(){return Ge()}setConfig(t){let n=Xe(t),i=this._config;this._config=n,!(i&&i.entry_id===n.entry_id&&i.days===n.days)&&(i&&i.entry_id!==n.entry_id&&(this._store=new z(this._locale.timeZone)),this._unsubscribe(),this._subscribe())}set hass(t){this._hass=t;let n=ut(t);pt(this._locale,n)||(this._locale=n,this._store.setTimeZone(n.timeZone),this.requestUpdate()),this._updateCanRemove(),this._subscribe()}get hass(){return this._hass}connectedCallback(){super.connectedCallback(),this._subscribe(),this._clock=setInterval(()=>this._onClock(),xr)}disconnectedCallback(){super.disconnectedCallback(),this._unsubscribe(),clearInterval(this._clock),this._clock=void 0}getCardSize(){let t=this._config;if(!t)return 1;let n=this._store,i=t.title?1:0;if(t.queue){let o=t.max_rows?Math.min(t.max_rows,n.queueOrder.length):n.queueOrder.length;i+=1+Math.ceil(o*1.5)}return t.upcoming&&(i+=1+Math.max(1,n.upcoming.length)),t.vpn&&(i+=3),t.storage&&(i+=3),Math.max(1,i)}async getUpdateComplete(){let t=await super.getUpdateComplete();return await Promise.all(Array.from(this._rowElements.values(),n=>n.updateComplete)),t}_subscribe(){let t=this._hass,n=this._config;if(!this.isConnected||!t||!n||this._subscription)return;let i={request:Ar(n),unsubscribe:Promise.resolve(void 0)};this._subscription=i,this._error=void 0,i.unsubscribe=t.connection.subscribeMessage(o=>{this._subscription===i&&this._onMessage(o)},{...i.request}).catch(o=>{this._subscription===i&&(this._error=oe(o))})}_unsubscribe(){let t=this._subscription;this._subscription=void 0,t?.unsubscribe.then(n=>n?.()).catch(()=>{})}_onMessage(t){let n=this._store.apply(t);n.full&&(this._error=void 0),this._updateCanRemove(),(n.full||n.queueOrder||n.upcoming||n.vpn||n.storage)&&this.requestUpdate();for(let i of n.queueRows){let o=this._rowElements.get(i),s=this._store.queue.get(i);o&&s&&(o.row=s)}}_onClock(){this._tick+=1,this.requestUpdate()}_updateCanRemove(){let t=this._store.admin&&this._hass?.user?.is_admin===!0;t!==this._canRemove&&(this._canRemove=t,this.requestUpdate())}_requireHass(){if(!this._hass)throw new Error("Home Assistant is not connected");return this._hass}_entry(){let t=this._store.entryId??this._config?.entry_id;return t?{entry_id:t}:{}}_callService(t,n){return this._requireHass().callService("myflix",t,{...this._entry(),hashes:[n.hash]})}render(){let t=this._config;if(!t)return c;let n=this._locale,i=this._store,o=h(n.lang),s=Re(Date.now(),n.timeZone);return l`<ha-card .header=${t.title||void 0}>
      ${this._error?l`<div class="card-error" role="alert">${o("subscribe_failed",{message:this._error})}</div>`:c}
      ${i.loaded?l`
            ${t.queue?B([i.queueOrder,t.max_rows,n,this._canRemove],()=>(this._queueRedrawn=!0,vt({order:i.queueOrder,rows:i.queue,maxRows:t.max_rows,locale:n,actions:this._actions,canRemove:this._canRemove}))):c}
            ${t.upcoming?B([i.upcoming,t.days,s,n],()=>qt({releases:i.upcoming,days:t.days,today:s,locale:n})):c}
            ${t.vpn?B([i.vpn,n,this._tick],()=>Lt({vpn:i.vpn,locale:n,now:Date.now()})):c}
            ${t.storage?B([i.storage,n],()=>Rt({storage:i.storage,locale:n})):c}
          `:this._error?c:l`<section class="loading">${o("loading")}</section>`}
    </ha-card>`}updated(t){super.updated(t);let n=this._store.loaded&&this._config?.queue===!0;if((this._queueRedrawn||!n&&this._rowElements.size>0)&&(this._queueRedrawn=!1,this._rowElements.clear(),n))for(let i of this.renderRoot.querySelectorAll("myflix-queue-row"))this._rowElements.set(i.row.id,i);this._store.loaded&&(this.dataset.rows=String(this._rowElements.size))}};N.styles=Ht,N.properties={_config:{state:!0},_error:{state:!0}};var Cr=[{name:"title",selector:{text:{}}},{name:"entry_id",selector:{config_entry:{integration:"myflix"}}},{name:"days",selector:{number:{min:1,max:30,step:1,mode:"box"}}},{name:"queue",selector:{boolean:{}}},{name:"upcoming",selector:{boolean:{}}},{name:"vpn",selector:{boolean:{}}},{name:"storage",selector:{boolean:{}}},{name:"max_rows",selector:{number:{min:0,step:1,mode:"box"}}}],{title:gi,...Rr}=Se,Z=class extends v{constructor(){super(...arguments);this._label=t=>{let n=q(this.hass?.locale?.language??this.hass?.language);return h(n)(`editor_${t.name}`)}}setConfig(t){this._config=t}_changed(t){t.stopPropagation();let n={...this._config,...t.detail.value};for(let i of["title","entry_id"])(n[i]===""||n[i]==null)&&delete n[i];this._config=n,this.dispatchEvent(new CustomEvent("config-changed",{detail:{config:n},bubbles:!0,composed:!0}))}render(){return!this.hass||!this._config?c:l`<ha-form
      .hass=${this.hass}
      .data=${{...Rr,...this._config}}
      .schema=${Cr}
      .computeLabel=${this._label}
      @value-changed=${this._changed}
    ></ha-form>`}};Z.properties={hass:{attribute:!1},_config:{state:!0}};var Q=class Q extends v{constructor(){super(),this.canRemove=!1,this._running=null,this._confirming=!1,this._error=null}createRenderRoot(){return this}willUpdate(e){e.has("row")&&(this.dataset.row=this.row.id,this.dataset.state=this.row.state,this.dataset.progress=String(this.row.progress))}updated(){Q.renders+=1}async run(e){let t=this.row;this._running=e,this._error=null;try{await this.actions[e](t),this._confirming=!1}catch(n){this._error=h(this.locale.lang)("call_failed",{message:oe(n)})}finally{this._running=null}}render(){let{row:e,locale:t}=this;if(!e||!t)return c;let n=h(t.lang),i=Math.min(100,Math.max(0,Number(e.progress)||0)),o=e.stopped||i>=100;return l`
      ${ue(e.poster)}
      <div class="main">
        <div class="line">
          <span class="title" title=${e.name||e.title}>${e.title}</span>
          <span class="percent">${ce(i,t.tag)}</span>
        </div>
        <div class="track"><div class="bar" style=${ae({width:`${i}%`})}></div></div>
        ${this._confirming?this.renderConfirm(n):this.renderDetails(e,o)}
        ${this._error?l`<div class="error" role="alert">${this._error}</div>`:c}
      </div>
      <div class="actions">
        ${e.stopped?this.renderButton("resume",n("resume"),Mt):this.renderButton("pause",n("pause"),Et)}
        ${this.canRemove&&!this._confirming?l`<button
              class="icon"
              data-action="remove"
              title=${n("remove")}
              aria-label=${n("remove")}
              ?disabled=${this._running!==null}
              @click=${()=>this._confirming=!0}
            >
              ${Pt}
            </button>`:c}
      </div>
    `}renderDetails(e,t){let{locale:n}=this;return l`<div class="meta">
      <span class="state">${tt(e,n.lang)}</span>
      <span>${wt(e.download_speed,n)}</span>
      <span>${t?"—":xt(e.eta,n.lang)}</span>
    </div>`}renderConfirm(e){return l`<div class="confirm">
      <span>${e("confirm_remove",{title:this.row.title})}</span>
      <button
        class="text"
        data-action="cancel-remove"
        ?disabled=${this._running==="remove"}
        @click=${()=>this._confirming=!1}
      >
        ${e("cancel")}
      </button>
      <button
        class="text danger"
        data-action="confirm-remove"
        ?disabled=${this._running==="remove"}
        @click=${()=>this.run("remove")}
      >
        ${e("remove")}
      </button>
    </div>`}renderButton(e,t,n){return l`<button
      class="icon"
      data-action=${e}
      title=${t}
      aria-label=${t}
      ?disabled=${this._running===e}
      @click=${()=>this.run(e)}
    >
      ${n}
    </button>`}};Q.renders=0,Q.properties={row:{attribute:!1},locale:{attribute:!1},actions:{attribute:!1},canRemove:{attribute:!1},_running:{state:!0},_confirming:{state:!0},_error:{state:!0}};var pe=Q;var Tr=[["myflix-queue-row",pe],["myflix-card-editor",Z],["myflix-card",N]];for(let[r,e]of Tr)customElements.get(r)||customElements.define(r,e);window.customCards=window.customCards??[];window.customCards.some(r=>r.type==="myflix-card")||window.customCards.push({type:"myflix-card",name:"Myflix",description:ne[q(document.documentElement.lang||navigator.language)].card_description,preview:!0});
/*! Bundled license information:

@lit/reactive-element/css-tag.js:
  (**
   * @license
   * Copyright 2019 Google LLC
   * SPDX-License-Identifier: BSD-3-Clause
   *)

@lit/reactive-element/reactive-element.js:
lit-html/lit-html.js:
lit-element/lit-element.js:
lit-html/directive.js:
lit-html/directives/repeat.js:
  (**
   * @license
   * Copyright 2017 Google LLC
   * SPDX-License-Identifier: BSD-3-Clause
   *)

lit-html/is-server.js:
  (**
   * @license
   * Copyright 2022 Google LLC
   * SPDX-License-Identifier: BSD-3-Clause
   *)

lit-html/directives/guard.js:
lit-html/directives/style-map.js:
  (**
   * @license
   * Copyright 2018 Google LLC
   * SPDX-License-Identifier: BSD-3-Clause
   *)

lit-html/directive-helpers.js:
  (**
   * @license
   * Copyright 2020 Google LLC
   * SPDX-License-Identifier: BSD-3-Clause
   *)
*/
